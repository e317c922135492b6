import json

from kedr_tui.cli import main


def test_json_of_the_seed(seed_copy, capsys):
    assert main(["export", str(seed_copy), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2021
    by_name = {i["name"]: i for i in data["indicators"]}
    portal = next(v for k, v in by_name.items() if "Едином портале" in k)
    assert (portal["plan"], portal["fact"], portal["abs_deviation"], portal["rel_deviation"],
            portal["growth"]) == ("100", "91.2", "-8.8", "91.20", "98.06")
    literacy = next(v for k, v in by_name.items() if "цифровой грамотности" in k)
    assert literacy["growth"] is None and literacy["rel_deviation"] == "0.00"
    satisfaction = data["indicators"][0]
    assert satisfaction["fact"] is None and satisfaction["abs_deviation"] is None
    program = data["expenses"]["program"]
    assert program == {"plan_year": "1129.01", "plan_period": "1129.01", "cash": "1097.79",
                       "pct_year": "97.23", "pct_period": "97.23"}
    nodes = {n["code"]: n for n in data["expenses"]["nodes"]}
    assert nodes["04.0.02.4"]["pct_year"] == "96.03" and nodes["04.0.01.0"]["pct_year"] is None
    assert data["evaluation"] == {"sr": "0.8297", "ss": "0.9723", "srm": "1.0000", "eis": "1.0284",
                                  "er": "0.8533", "rating": "средняя",
                                  "left_out": [satisfaction["name"]]}
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("W-FORMULA", "warning")]
    assert data["findings"][0]["line"] > 1


def test_json_default_path(seed_copy, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(seed_copy), "--json"]) == 0
    assert capsys.readouterr().out.strip() == "out/2021.json"
    assert json.loads((tmp_path / "out" / "2021.json").read_text())["year"] == 2021


def test_export_never_writes_over_a_report(seed_copy, capsys):
    before = seed_copy.read_bytes()
    assert main(["export", str(seed_copy), "--json", str(seed_copy)]) == 2
    assert main(["export", str(seed_copy), "--json", str(seed_copy.with_name("other.toml"))]) == 2
    assert seed_copy.read_bytes() == before
