"""The PDF read back with pypdf: real values, pages, fonts, headings, determinism, styles."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from io import BytesIO

import pytest
from pypdf import PdfReader

from kedr_tui import styles
from kedr_tui.export.pdf import default_creation_date, render_pdf
from kedr_tui.styles import StyleError
from tests.export.conftest import analysis_of, pdf_pages
from tests.gen import generate


@pytest.fixture(scope="module")
def pages(seed_pdf) -> list[str]:
    return pdf_pages(seed_pdf)


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return render_pdf(analysis_of(generate(n_indicators=60, n_expenses=150, seed=2)))


def test_computed_values_are_printed(pages):
    whole = "\n".join(pages)
    portal = next(line for line in whole.splitlines() if "−8,8" in line)
    assert portal.split()[:8] == ["%", "93", "100", "91,2", "−8,8", "91,20", "98,06", "Вносятся"]
    assert "1 129,01 1 129,01 1 097,79 97,23 97,23" in whole
    assert "МУ «Культура» 786,53 786,53 755,31 96,03 96,03" in whole
    assert "Эффективность реализации муниципальной программы: средняя (ЭР = 0,8533)." in whole
    assert "0,8297" in whole and "1,0284" in whole


def test_cyrillic_headings_of_the_seed_are_extractable(pages):
    assert pages[0].startswith("ОТЧЕТ\nО РЕАЛИЗАЦИИ МУНИЦИПАЛЬНОЙ ПРОГРАММЫ\n")
    assert "Форма 1. Отчет о достигнутых значениях показателей цели и задач" in pages[0]
    assert "\n1 2 3 4 5 6 7 8 9 10 11\n" in pages[0]
    whole = "\n".join(pages)
    for heading in ("Форма 2. Отчет о расходах на реализацию муниципальной программы",
                    "Коды аналитической\nпрограммной\nклассификации",
                    "Форма 3. Сведения о внесенных за отчетный период изменениях",
                    "Оценка эффективности реализации муниципальной программы",
                    "Доклад о ходе реализации муниципальной программы"):
        assert heading in whole


def test_every_page_is_numbered(seed_pdf, pages):
    total = len(PdfReader(BytesIO(seed_pdf)).pages)
    assert total >= 5
    for number, text in enumerate(pages, start=1):
        assert text.rstrip().endswith(f"стр. {number} из {total}")


def test_forms_are_landscape_and_the_doklad_portrait(seed_pdf, pages):
    reader = PdfReader(BytesIO(seed_pdf))
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (842, 595)
    doklad = next(i for i, text in enumerate(pages) if "Доклад о ходе реализации" in text)
    box = reader.pages[doklad].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_pt_sans_is_embedded_as_a_subset_and_no_core_font(seed_pdf):
    import fontpkg

    full_size = fontpkg.path("PT Sans").stat().st_size
    reader = PdfReader(BytesIO(seed_pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] == "/Type0"          # a CID font, never a core Type1 font
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor              # the TrueType program is embedded
            embedded = len(descriptor["/FontFile2"].get_object().get_data())
            assert embedded < full_size / 2                # ... as a subset of its glyphs
            names.add(str(font["/BaseFont"]))
    assert {re.sub(r"^/[A-Z]{6}\+", "/", n) for n in names} == {"/PTSans", "/PTSansBold"}
    assert all(re.match(r"^/[A-Z]{6}\+", n) for n in names)   # subset tag


def test_the_doklad_has_one_paragraph_per_indicator_and_the_signature(pages):
    doklad = "\n".join(pages[next(i for i, t in enumerate(pages) if "Доклад о ходе" in t):])
    flat = " ".join(doklad.split())
    assert flat.count("- «") == 10
    assert "- «Доля отечественного офисного программного обеспечения, установленного" in flat
    assert "Мэр города Кедрового Н.А. Соловьева Исполнитель: Узварик В.П." in flat


def test_signature_position_left_name_right(seed_pdf):
    reader = PdfReader(BytesIO(seed_pdf))
    found = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in ("Мэр города Кедрового", "Н.А. Соловьева", "Исполнитель:"):
            found[text.strip()] = (tm[4], tm[5])

    reader.pages[-1].extract_text(visitor_text=visit)
    (px, py), (nx, ny), (ex, ey) = (found["Мэр города Кедрового"], found["Н.А. Соловьева"],
                                    found["Исполнитель:"])
    assert py == ny and nx > px + 300        # one line: position at the left, name at the right
    assert ey < py and ex == px              # the executor below, at the left margin


def test_headings_repeat_on_the_next_page_of_a_long_form(long_pdf):
    pages = pdf_pages(long_pdf)
    form1 = [i for i, text in enumerate(pages) if "Наименование показателя" in text]
    assert pages[form1[0]].count("Форма 1.") == 1
    second = pages[form1[1]]
    assert form1[1] == form1[0] + 1 and "Форма 1." not in second
    assert "Значение показателя" in second and "\n1 2 3 4 5 6 7 8 9 10 11\n" in second
    form2 = [i for i, text in enumerate(pages) if "Ответственный исполнитель" in text]
    assert len(form2) >= 2 and all("Коды аналитической" in pages[i] for i in form2)


def test_same_report_same_bytes_and_the_date_is_injectable(seed, seed_pdf):
    assert render_pdf(seed) == seed_pdf
    assert default_creation_date(2021) == datetime(2022, 1, 1, tzinfo=timezone.utc)
    assert PdfReader(BytesIO(seed_pdf)).metadata["/CreationDate"] == "D:20220101000000Z"
    other = render_pdf(seed, creation_date=datetime(2022, 2, 3, 4, 5, 6, tzinfo=timezone.utc))
    assert PdfReader(BytesIO(other)).metadata["/CreationDate"] == "D:20220203040506Z"
    assert render_pdf(seed, creation_date=datetime(2022, 2, 3, 4, 5, 6)) == other   # naive = UTC


def spoil(folder, old: str, new: str):
    path = folder / "pdf.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    styles.load_style.cache_clear()
    return path


def test_a_font_size_is_changed_in_the_style_not_the_code(seed, seed_pdf, style_folder):
    spoil(style_folder, "size = 8                    # body cells", "size = 11")
    bigger = render_pdf(seed)
    assert len(PdfReader(BytesIO(bigger)).pages) > len(PdfReader(BytesIO(seed_pdf)).pages)


@pytest.mark.parametrize("old, new, key", [
    ('border_color = "#000000"', 'border_color = "black"', "table.border_color"),
    ("margin_left = 20", 'margin_left = "20"', "page.margin_left"),
    ('orientation = "landscape"', 'orientation = "sideways"', "page.orientation"),
    ("form2 = [7, 7, 7, 7,", "form2 = [7, 7, 7,", "widths.form2"),
    ('family = "PT Sans"', 'family = "No Such Sans"', "font.family"),
    ("[footer]\ntext =", "[footer]\nwords =", "footer.text"),
])
def test_a_bad_style_names_the_file_and_key(seed, style_folder, old, new, key):
    path = spoil(style_folder, old, new)
    with pytest.raises(StyleError) as caught:
        render_pdf(seed)
    assert str(path) in str(caught.value) and key in str(caught.value)
    assert caught.value.exit_code == 2
