"""The cache of parsed reports (``core/store/parsed_cache.py``): a report read again is
read from the cache, exactly as a fresh parse reads it, and anything wrong with the
cache is as good as no cache.  Last year's facts are read when the analysis needs them.

Here every text goes through the cache (``MIN_BYTES`` 0: the seed and the tests' small
reports would otherwise be parsed, being quicker to parse than to look up).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import msgspec
import pytest

from kedr_tui.core import schema
from kedr_tui.core.loading import load, opened
from kedr_tui.core.schema import parse
from kedr_tui.core.store import parsed_cache, read_report
from kedr_tui.core.store import report as store_report
from tests.conftest import CLEAN, ROOT, SEED
from tests.gen import generate


@pytest.fixture(autouse=True)
def every_text(monkeypatch):
    monkeypatch.setattr(parsed_cache, "MIN_BYTES", 0)


@pytest.fixture
def no_parse(monkeypatch):
    """Parsing fails loudly: what is read now must come from the cache."""
    def refuse(*args, **kwargs):
        raise AssertionError("parsed, not read from the cache")

    monkeypatch.setattr(store_report, "parse", refuse)
    monkeypatch.setattr(schema.tomllib, "loads", refuse)


def exact(report) -> bytes:
    """A model with every detail: rows' places (``src``, which ``==`` leaves out) and each
    number as written (``5.00`` is not ``5``)."""
    return msgspec.msgpack.encode(report)


def assert_same_parse(got, text: str) -> None:
    fresh = parse(text)
    assert exact(got.report) == exact(fresh.report)
    assert got.findings == fresh.findings and got.unsure == fresh.unsure
    for finding in fresh.findings:      # the line index reads the same text
        path = (finding.ref[0],) if len(finding.ref) == 2 and finding.ref[1] is None \
            else finding.ref
        assert got.locator.find(*path) == fresh.locator.find(*path)
    for index in range(len(fresh.report.indicators) if fresh.report else 0):
        assert got.locator.find("indicators", index, "fact") == \
            fresh.locator.find("indicators", index, "fact")


def entries(home: Path) -> list[Path]:
    return sorted((home / "kedr-tui").glob(f"*{parsed_cache.SUFFIX}"))


def read_twice(path: Path):
    """Read ``path`` (a miss: parsed, then kept), and again (from the cache)."""
    first = read_report(path)
    assert first.unkept is not None, "the first reading must miss and parse"
    first.keep_parsed()
    again = read_report(path)
    assert again.unkept is None, "the second reading must come from the cache"
    return first, again


# ---------------------------------------------------------------- every report the tests have

def _texts() -> dict[str, str]:
    from tests.core.test_checks import CASES
    from tests.core.test_loading import ERROR_CASES

    texts = {"seed": SEED.read_text(encoding="utf-8"), "clean": CLEAN}
    for path in sorted({*ROOT.glob("tests/**/*.toml"), *ROOT.glob("reports/*.toml")}):
        if path.name != "pyproject.toml":
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    for n, (text, *_) in enumerate(CASES):
        texts[f"check case {n}"] = text
    for n, text in enumerate(ERROR_CASES):
        texts[f"error case {n}"] = text
    unsure = {"mistyped": CLEAN.replace("fact = 10\n", 'fact = "десять"\n'),
              "misspelt key": CLEAN.replace("plan_period = 100.00", "plan_perod = 100.00"),
              "missing key": CLEAN.replace("plan_period = 100.00\n", ""),
              "misspelt section": CLEAN.replace("[[expenses]]", "[[expense]]"),
              "not a table": CLEAN.replace("[narrative]", "narrative = 5\n[nothing]")}
    for what, text in unsure.items():
        texts[f"unsure: {what}"] = text
    for seed in range(3):
        texts[f"generated {seed}"] = generate(n_indicators=40, n_expenses=120, seed=seed)
    texts["numbers as written"] = CLEAN.replace("plan = 10\n", "plan = 1e1\n").replace(
        "cash = 100.00", "cash = 1_00.0").replace("fact = 5\n", "fact = -0\n")
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("name", TEXTS)
def test_a_cached_parse_is_exactly_a_fresh_parse(name, write_report, monkeypatch):
    text = TEXTS[name]
    path = write_report(text)
    if parse(text).report is None:      # not a report: nothing kept, parsed every time
        assert read_report(path).unkept is None
        return
    first, again = read_twice(path)
    assert_same_parse(first.parsed, text)
    assert_same_parse(again.parsed, text)


def test_the_tests_have_reports_with_findings_and_unsure_values():
    parses = [parse(text) for text in TEXTS.values()]
    assert sum(1 for p in parses if p.report is not None and p.findings) >= 3
    assert sum(1 for p in parses if p.unsure) >= 3
    assert sum(1 for p in parses if p.report is None) >= 1


def test_a_hit_does_not_parse(seed_copy, cache_home, monkeypatch):
    first = read_report(seed_copy)
    first.keep_parsed()
    assert len(entries(cache_home)) == 1
    refused = []

    def refuse(*args, **kwargs):
        refused.append(args)
        raise AssertionError("parsed")

    monkeypatch.setattr(store_report, "parse", refuse)
    monkeypatch.setattr(schema.tomllib, "loads", refuse)
    again = read_report(seed_copy)
    assert refused == [] and again.report == first.report
    assert exact(again.report) == exact(first.report)
    # and the analysis of it is the one of a fresh reading: the seed's one W-FORMULA
    monkeypatch.undo()
    assert [f.code for f in opened(again).findings] == ["W-FORMULA"]


def test_a_miss_is_kept_only_after_the_first_frame(seed_copy, cache_home):
    """Opening (``opened``) writes nothing before the rest of the analysis is asked for."""
    loaded = opened(read_report(seed_copy))
    assert entries(cache_home) == []
    loaded.analysis
    assert len(entries(cache_home)) == 1


def test_a_changed_file_misses(seed_copy, cache_home):
    read_twice(seed_copy)
    text = seed_copy.read_text(encoding="utf-8").replace("cash = 220.88", "cash = 220.87", 1)
    seed_copy.write_text(text, encoding="utf-8")
    changed = read_report(seed_copy)
    assert changed.unkept is not None           # parsed again, not the old entry
    assert Decimal("220.87") in {row.cash for row in changed.report.expenses}
    assert_same_parse(changed.parsed, text)


def test_a_changed_code_fingerprint_misses(seed_copy, cache_home, monkeypatch, tmp_path):
    """An edit of any module that shapes a parse (a developer's edit of schema.py) is
    another key: never the entry the old code wrote."""
    read_twice(seed_copy)
    source = tmp_path / "shaping.py"
    source.write_text("X = 1\n", encoding="utf-8")
    module = type(sys)("kedr_test_shaping")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, "kedr_test_shaping", module)
    monkeypatch.setattr(parsed_cache, "SHAPING", (*parsed_cache.SHAPING, "kedr_test_shaping"))
    parsed_cache.fingerprint.cache_clear()
    try:
        before = parsed_cache.fingerprint()
        assert read_report(seed_copy).unkept is not None        # another code: a miss
        read_twice(seed_copy)
        source.write_text("X = 2\n", encoding="utf-8")          # the code edited
        parsed_cache.fingerprint.cache_clear()
        assert parsed_cache.fingerprint() != before
        assert read_report(seed_copy).unkept is not None
    finally:
        parsed_cache.fingerprint.cache_clear()


def test_the_fingerprint_covers_every_module_a_parse_uses():
    """Every kedr_tui module that ``schema`` loads is one whose source is in the key."""
    code = "import sys, kedr_tui.core.schema; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60).stdout.split()
    ours = {name for name in loaded if name.startswith("kedr_tui.")
            and not name.endswith(".core") and name != "kedr_tui"}
    assert ours <= set(parsed_cache.SHAPING)


def test_the_key_is_the_content_and_the_code(seed_copy):
    read = read_report(seed_copy)
    key = parsed_cache.key_of(read.stamp.sha256)
    assert key == parsed_cache.key_of(read.stamp.sha256) and len(key) == 64
    assert key != parsed_cache.key_of("0" * 64)


# ---------------------------------------------------------------- a cache that can't be trusted

def _damage(kind: str, entry: Path, other: Path) -> None:
    data = entry.read_bytes()
    if kind == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif kind == "empty":
        entry.write_bytes(b"")
    elif kind == "flipped":                     # one byte of a value: the checksum says so
        at = data.index(b"220.88")
        entry.write_bytes(data[:at] + b"221" + data[at + 3:])
    elif kind == "foreign":                     # another text's entry under this name
        entry.write_bytes(other.read_bytes())
    elif kind == "garbage":
        entry.write_bytes(os.urandom(len(data)))
    elif kind == "wrong type":                  # sound msgpack, with a sound checksum
        payload = msgspec.msgpack.encode(["x", {"year": "двадцать"}, [], []])
        entry.write_bytes(parsed_cache._MAGIC + parsed_cache._sha256(payload).digest() + payload)
    elif kind == "older format":
        entry.write_bytes(data.replace(parsed_cache._MAGIC, b"kedr-tui parsed0", 1))
    elif kind == "folder":
        entry.unlink()
        entry.mkdir()
    elif kind == "symlink":
        entry.unlink()
        entry.symlink_to(other)
    elif kind == "fifo":
        entry.unlink()
        os.mkfifo(entry)
    elif kind == "not ours":                    # (root could have put it there)
        if os.geteuid() != 0:
            pytest.skip("giving a file to another user needs root")
        os.chown(entry, 54321, -1)
    elif kind == "unreadable":
        entry.chmod(0)
        if os.geteuid() == 0:                   # root reads it all the same: make it too big
            entry.chmod(0o600)
            with entry.open("r+b") as handle:
                handle.truncate(parsed_cache.MAX_ENTRY + 1)


DAMAGE = ["truncated", "empty", "flipped", "foreign", "garbage", "wrong type", "older format",
          "folder", "symlink", "fifo", "unreadable", "not ours"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_entry_is_ignored_and_written_again(kind, seed_copy, cache_home, write_report):
    other = write_report(CLEAN, "other.toml")
    read_twice(other)
    [other_entry] = entries(cache_home)
    read_twice(seed_copy)
    [entry] = [e for e in entries(cache_home) if e != other_entry]
    _damage(kind, entry, other_entry)
    text = seed_copy.read_text(encoding="utf-8")
    read = read_report(seed_copy)
    assert read.unkept is not None                      # parsed: the entry was not used
    assert_same_parse(read.parsed, text)
    if kind in ("folder", "fifo"):                      # not ours to remove: stays unused
        entry.rmdir() if kind == "folder" else entry.unlink()
    read.keep_parsed()
    assert read_report(seed_copy).unkept is None        # written again, and used
    assert_same_parse(read_report(seed_copy).parsed, text)


def _no_cache_works(path: Path, home: Path | None) -> None:
    text = path.read_text(encoding="utf-8")
    for _ in range(2):
        read = read_report(path)
        read.keep_parsed()                              # no error, nothing to show for it
        assert_same_parse(read.parsed, text)
        assert [f.code for f in load(path).findings] == ["W-FORMULA"]
    if home is not None:
        assert entries(home) == [] if (home / "kedr-tui").is_dir() else True


def test_a_cache_folder_that_cannot_be_made_is_no_cache(seed_copy, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))             # a file where the folder goes
    _no_cache_works(seed_copy, None)


def test_a_read_only_cache_is_no_cache(seed_copy, monkeypatch, cache_home):
    folder = cache_home / "kedr-tui"
    folder.mkdir(parents=True, mode=0o700)
    folder.chmod(0o500)
    try:
        _no_cache_works(seed_copy, None)
        if os.geteuid() != 0:                      # (root writes in it all the same)
            assert entries(cache_home) == []
    finally:
        folder.chmod(0o700)


def test_a_cache_folder_others_may_write_is_not_used(seed_copy, cache_home):
    """An entry planted by another user could say anything: a folder writable by others
    is neither read nor written."""
    read_twice(seed_copy)
    folder = cache_home / "kedr-tui"
    folder.chmod(0o777)
    try:
        assert read_report(seed_copy).unkept is not None          # not read
        before = {p: p.stat().st_mtime_ns for p in entries(cache_home)}
        read_report(seed_copy.with_name("2021.toml")).keep_parsed()
        assert {p: p.stat().st_mtime_ns for p in entries(cache_home)} == before
    finally:
        folder.chmod(0o700)


def test_no_home_is_no_cache(seed_copy, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(parsed_cache.os.path, "expanduser", lambda path: path)  # no passwd entry
    assert parsed_cache.folder() is None
    _no_cache_works(seed_copy, None)


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert parsed_cache.folder() == tmp_path / ".cache" / "kedr-tui"


def test_a_full_disk_is_no_error(seed_copy, cache_home, monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(parsed_cache.os, "replace", full)
    _no_cache_works(seed_copy, cache_home)
    assert not list((cache_home / "kedr-tui").glob(".*.tmp"))     # no temporary left behind


def test_the_environment_turns_it_off(seed_copy, cache_home, monkeypatch):
    monkeypatch.setenv("KEDR_TUI_NO_CACHE", "1")
    read = read_report(seed_copy)
    read.keep_parsed()
    load(seed_copy)
    assert read.unkept is None and not (cache_home / "kedr-tui").exists()
    monkeypatch.setenv("KEDR_TUI_NO_CACHE", "0")
    assert read_report(seed_copy).unkept is not None


def test_entries_are_private_and_pruned(write_report, cache_home, monkeypatch):
    """Beyond MAX_ENTRIES, the entries used longest ago go (a hit counts as a use)."""
    import time

    monkeypatch.setattr(parsed_cache, "MAX_ENTRIES", 3)
    paths = [write_report(CLEAN.replace("Вступление", f"Вступление {n}"), f"{n}.toml")
             for n in range(5)]
    for n, path in enumerate(paths):
        read = read_report(path)
        read.keep_parsed()
        entry = cache_home / "kedr-tui" / (parsed_cache.key_of(read.stamp.sha256) + parsed_cache.SUFFIX)
        assert entry.exists()
        when = time.time() - 100 + n * 10               # written in turn, 10 s apart
        os.utime(entry, (when, when))
        if n == 2:
            assert read_report(paths[0]).unkept is None  # used again: as if just written
    kept = entries(cache_home)
    assert len(kept) == 3
    assert stat.S_IMODE((cache_home / "kedr-tui").stat().st_mode) == 0o700
    assert {stat.S_IMODE(e.stat().st_mode) for e in kept} == {0o600}
    # 1 and 2 went: used longest ago (0 was used again after them)
    assert [read_report(path).unkept is None for path in paths] == [True, False, False, True, True]


def test_an_entry_is_written_through_write_atomic_private_with_no_fsync_or_backup(
        seed_copy, cache_home, monkeypatch):
    """One atomic-write path (store/atomic.py) with the cache's options: an entry written
    over one that is mode 0644 (and with a umask of 0) is 0600, leaves no ``~`` backup, and
    costs no fsync (a lost entry is a parse made again)."""
    from kedr_tui.core.store import atomic

    read = read_report(seed_copy)
    read.keep_parsed()
    entry = cache_home / "kedr-tui" / (parsed_cache.key_of(read.stamp.sha256) + parsed_cache.SUFFIX)
    written = entry.read_bytes()
    entry.chmod(0o644)
    calls = []
    real = atomic.write_atomic
    monkeypatch.setattr(atomic, "write_atomic", lambda *a, **k: calls.append(k) or real(*a, **k))
    monkeypatch.setattr(os, "fsync", lambda fd: pytest.fail("a cache entry is not fsync'd"))
    parsed = parse(seed_copy.read_text(encoding="utf-8"))
    old_umask = os.umask(0)
    try:
        assert parsed_cache.store(read.stamp.sha256, parsed.report, parsed.findings, parsed.unsure)
    finally:
        os.umask(old_umask)
    assert calls == [{"keep_backup": False, "durable": False, "private": True}]
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600 and entry.read_bytes() == written
    assert sorted(p.name for p in entry.parent.iterdir()) == [entry.name]


def test_a_killed_writes_temporary_is_removed_later(seed_copy, cache_home):
    folder = cache_home / "kedr-tui"
    folder.mkdir(parents=True, mode=0o700)
    stale, fresh = folder / ".abc.tmp", folder / ".def.tmp"
    for tmp in (stale, fresh):
        tmp.write_bytes(b"half")
    os.utime(stale, (0, 0))
    read_report(seed_copy).keep_parsed()
    assert not stale.exists() and fresh.exists()      # (a write under way is left alone)


# ---------------------------------------------------------------- saves keep what they wrote

def test_a_value_save_keeps_what_the_file_reads_as(seed_copy, no_parse_after_save):
    from kedr_tui.core.edits import set_field
    from kedr_tui.core.session import Session

    session = Session.open(seed_copy)
    try:
        session.analysis
        for value, (section, index, field) in [("5", ("expenses", 3, "cash")),
                                               ("1E+2", ("indicators", 2, "fact")),
                                               ("7.1", ("indicators", 2, "plan"))]:
            session.perform(set_field(session.report, section, index, field, Decimal(value)))
            session.save()
            no_parse_after_save(seed_copy)
    finally:
        session.close()


def test_a_save_that_adds_a_row_keeps_what_it_read_back(seed_copy, no_parse_after_save):
    from kedr_tui.core.edits import set_field
    from kedr_tui.core.operations import add_amendment
    from kedr_tui.core.session import Session

    session = Session.open(seed_copy)
    try:
        session.perform(add_amendment(session.report))
        session.save()
        no_parse_after_save(seed_copy)
        session.perform(set_field(session.report, "expenses", 0, "cash", Decimal("1")))
        session.save()
        no_parse_after_save(seed_copy)
    finally:
        session.close()


@pytest.fixture
def no_parse_after_save(monkeypatch):
    """The file just saved opens from the cache, and as a fresh parse reads it."""
    def check(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        with monkeypatch.context() as patch:
            patch.setattr(store_report, "parse", _refuse)
            read = read_report(path)
        assert read.unkept is None
        assert_same_parse(read.parsed, text)

    return check


def _refuse(*args, **kwargs):
    raise AssertionError("parsed, not read from the cache")


# ---------------------------------------------------------------- last year's facts, later

def _with_last_year(write_report, fact: str = "12"):
    path = write_report(CLEAN)
    last = CLEAN.replace("year = 2021", "year = 2020").replace("fact = 10\n", f"fact = {fact}\n")
    write_report(last, "2020.toml")
    return path


def test_last_years_file_is_read_only_for_the_full_analysis(write_report, monkeypatch):
    path = _with_last_year(write_report)
    reads = []
    facts_of = store_report._facts_of
    monkeypatch.setattr(store_report, "_facts_of", lambda p: reads.append(p.name) or facts_of(p))
    loaded = opened(read_report(path))
    loaded.early, loaded.errors
    assert reads == []                              # not before the first frame
    assert [f.code for f in loaded.findings] == ["W-PREV"] and "12" in loaded.findings[0].message
    assert reads == ["2020.toml"]
    loaded.findings
    assert reads == ["2020.toml"]                   # once


def test_last_years_facts_come_from_the_cache_the_second_time(write_report, monkeypatch):
    path = _with_last_year(write_report)
    assert [f.code for f in load(path).findings] == ["W-PREV"]      # both files kept now
    monkeypatch.setattr(store_report, "parse", _refuse)
    monkeypatch.setattr(store_report.tomllib, "loads", _refuse)
    findings = load(path).findings
    assert [f.code for f in findings] == ["W-PREV"] and "(12)" in findings[0].message


@pytest.mark.parametrize("last", [
    "fact = 12.50\n",                               # as written
    "fact = 12\nfcat = 1\n",                        # a schema error: read as TOML
    "fact = «12»\n",                                # a syntax error: said so
    "fact = 12.12345678901\n",                      # too precise: an error, yet a fact
])
def test_last_years_facts_are_what_they_were(write_report, last):
    """W-PREV as before the facts were read later and through the cache: from a clean
    report's model, from the TOML of one with schema errors, and unreadable."""
    path = write_report(CLEAN)
    text = CLEAN.replace("year = 2021", "year = 2020").replace("fact = 10\n", last)
    write_report(text, "2020.toml")
    messages = [f.message for f in load(path).findings if f.code == "W-PREV"]
    again = [f.message for f in load(path).findings if f.code == "W-PREV"]      # (the cache)
    if "«" in last:
        assert len(messages) == 1 and "не прочитан" in messages[0]
    elif "901" in last:
        assert len(messages) == 1 and messages[0].endswith("(12,12345678901)")
    else:
        assert len(messages) == 1 and messages[0].endswith("(12,50)" if "50" in last else "(12)")
    assert again == messages


def test_last_years_file_gone_missing_before_the_analysis_is_no_warning(write_report):
    path = _with_last_year(write_report)
    loaded = opened(read_report(path))
    path.with_name("2020.toml").unlink()
    assert loaded.findings == ()


# ---------------------------------------------------------------- the diff's reading

def test_the_diff_reads_a_version_through_the_cache(monkeypatch):
    from kedr_tui.core.errors import ReportError
    from kedr_tui.core.store.versions import report_of

    text = SEED.read_text(encoding="utf-8")
    first = report_of("2021.toml@HEAD", text)
    with monkeypatch.context() as patch:
        patch.setattr(schema.tomllib, "loads", _refuse)
        patch.setattr("kedr_tui.core.store.versions.tomllib.loads", _refuse)
        assert exact(report_of("2021.toml@HEAD", text)) == exact(first)
    broken = CLEAN.replace("fact = 10\n", 'fact = "десять"\n')
    for _ in range(2):                                  # kept, and still refused
        with pytest.raises(ReportError) as error:
            report_of("old.toml", broken)
        assert "E-SCHEMA" in str(error.value) and error.value.line == broken.splitlines().index(
            'fact = "десять"') + 1


def test_read_back_knows_only_the_line_of_the_key_it_changed():
    """A place that is not the changed key's line (a locator of another text) is no value."""
    from kedr_tui.core.edits import set_field
    from kedr_tui.core.locate import Locator
    from kedr_tui.core.store.patch import changed_values, patch, read_back

    base = parse(CLEAN).report
    report = set_field(base, "indicators", 0, "fact", Decimal(55)).apply(base)
    text = patch(report, CLEAN, base, parse(CLEAN).locator)
    changes = changed_values(report, base)
    assert read_back(base, changes, text, Locator(text)).indicators[0].fact == Decimal(55)
    shifted = CLEAN.replace("prev = 10\nplan = 10\nfact = 10", "prev = 10\nfact = 10\nplan = 10")
    assert read_back(base, changes, text, Locator(shifted)) is None
