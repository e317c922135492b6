"""The forms as rows and columns, built once for both outputs: checked on the seed."""

from __future__ import annotations

import pytest

from kedr_tui.export.layout import (
    Heading, Paragraph, PrintRow, SignatureBlock, SpanRow, Table, build, code_cells,
)


@pytest.fixture(scope="module")
def document(seed):
    return build(seed)


def section(document, name):
    return next(s for s in document.sections if s.name == name)


def table(document, name) -> Table:
    return next(b for b in section(document, name).blocks if isinstance(b, Table))


def row_named(tbl: Table, column: int, start: str) -> PrintRow:
    return next(r for r in tbl.rows if isinstance(r, PrintRow) and r.cells[column].startswith(start))


def test_sections_in_the_order_of_the_document(document):
    assert [s.name for s in document.sections] == [
        "title", "form1", "form2", "form3", "evaluation", "doklad"]
    title = section(document, "title").blocks[0]
    assert isinstance(title, Heading) and title.lines[0] == "ОТЧЕТ"
    assert title.lines[-1] == "за 2021 год"
    assert "«РАЗВИТИЕ ИНФОРМАЦИОННОГО ОБЩЕСТВА" in title.lines[2]


def test_form1_has_the_eleven_columns_and_two_level_heading(document):
    form1 = table(document, "form1")
    assert len(form1.columns) == 11 and form1.numbered and form1.header_rows == 2
    spanning = next(c for c in form1.header if c.text == "Значение показателя")
    assert (spanning.col, spanning.colspan) == (3, 3)


def test_form1_groups_and_computed_columns(document):
    form1 = table(document, "form1")
    headings = [r.text for r in form1.rows if isinstance(r, SpanRow)]
    assert headings[0].startswith("Показатели цели «Создание и развитие")
    assert [h.split("«")[0] for h in headings[1:]] == [
        "Показатели задачи 1 ", "Показатели задачи 2 ", "Показатели задачи 3 "]
    portal = row_named(form1, 1, "Доля муниципальных услуг, информация")
    assert portal.cells[0] == "2"
    assert portal.cells[3:9] == ("93", "100", "91,2", "−8,8", "91,20", "98,06")
    assert portal.cells[9] == "Вносятся изменения в Реестр государственных и муниципальных услуг"
    assert portal.cells[10] == "ДМУ=(52/57)*100"
    window = row_named(form1, 1, "Доля граждан")
    assert window.cells[6:9] == ("9,5", "110,56", "101,63")
    hearings = row_named(form1, 1, "Количество проведенных общественных")
    assert hearings.cells[6:9] == ("−1", "88,89", "160,00")
    trainees = row_named(form1, 1, "Количество граждан, прошедших")
    assert trainees.cells[7:9] == ("0,00", "—")


def test_form1_not_measured_shows_notes_and_dashes(document):
    satisfaction = row_named(table(document, "form1"), 1, "Уровень удовлетворённости")
    assert satisfaction.cells[3] == "Показатель не подвергался мониторингу"
    assert satisfaction.cells[5] == "Не измерялся"
    assert satisfaction.cells[6:9] == ("—", "—", "—")


def test_code_cells_print_as_in_the_seed():
    assert code_cells("04.0.00.0") == ("04", "0", "0", "0")
    assert code_cells("04.0.02.3") == ("04", "0", "02", "3")
    assert code_cells("bad") == ("bad", "", "", "")


def test_form2_totals_executors_and_tasks(document):
    form2 = table(document, "form2")
    assert len(form2.columns) == 12 and form2.header_rows == 3
    program = form2.rows[0]
    assert isinstance(program, PrintRow) and program.bold
    assert program.cells[:4] == ("04", "0", "0", "0")
    assert program.cells[4].startswith("Муниципальная программа «Развитие")
    assert program.cells[5:11] == ("Всего", "1\u00a0129,01", "1\u00a0129,01", "1\u00a0097,79",
                                   "97,23", "97,23")
    assert program.cells[11].startswith("Не выполнение кассового плана")
    culture = form2.rows[3]
    assert culture.cells[5:11] == ("МУ «Культура»", "786,53", "786,53", "755,31",
                                   "96,03", "96,03")
    tasks = [r.text for r in form2.rows if isinstance(r, SpanRow)]
    assert [t[:10] for t in tasks] == ["Задача 1. ", "Задача 2. ", "Задача 3. "]
    # each task heading comes right before its main activity
    index = next(i for i, r in enumerate(form2.rows)
                 if isinstance(r, SpanRow) and r.text.startswith("Задача 2."))
    assert form2.rows[index + 1].cells[:4] == ("04", "0", "02", "0")
    assert form2.rows[index + 1].cells[4].startswith("Основное мероприятие «Информирование")


def test_form2_activity_rows(document):
    form2 = table(document, "form2")
    grant = row_named(form2, 4, "Учреждение Гранта")
    i = form2.rows.index(grant)
    assert grant.cells[:4] == ("04", "0", "02", "3") and grant.keep_with_next
    assert grant.cells[6:11] == ("17,90", "17,90", "17,90", "100,00", "100,00")
    executors = [r.cells[5] for r in form2.rows[i + 1:i + 3]]
    assert executors == ["Администрация города Кедрового", "Отдел образования"]
    assert form2.rows[i + 2].cells[6:11] == ("0,00", "0,00", "0,00", "—", "—")


def test_form3_rows(document):
    form3 = table(document, "form3")
    assert [r.cells for r in form3.rows] == [
        ("1", "Постановление Администрации города Кедрового", "24.03.2021", "55",
         "О внесении изменений"),
        ("2", "Постановление Администрации города Кедрового", "31.01.2022", "22",
         "О внесении изменений"),
    ]


def test_evaluation_figures_and_rating(document):
    blocks = section(document, "evaluation").blocks
    summary = next(b for b in blocks if isinstance(b, Table))
    values = {r.cells[1]: r.cells[3] for r in summary.rows}
    assert values == {"СР": "0,8297", "ССуз": "0,9723", "СРм": "1,0000", "Эис": "1,0284",
                      "ЭР": "0,8533"}
    assert "1\u00a0097,79 / 1\u00a0129,01" in summary.rows[1].cells[2]
    assert "4 из 4" in summary.rows[2].cells[2]
    assert "учтено показателей: 9 из 10" in summary.rows[0].cells[2]
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts[0] == "Эффективность реализации муниципальной программы: средняя (ЭР = 0,8533)."
    assert "ЭР ≥ 0,90 — высокая; ЭР ≥ 0,80 — средняя" in texts[1]
    degrees = [b for b in blocks if isinstance(b, Table)][1]
    software = row_named(degrees, 1, "Доля отечественного")
    assert software.cells[2:] == ("30", "20", "0,6667")
    assert row_named(degrees, 1, "Уровень удовлетворённости").cells[4] == "—"


def test_doklad_paragraphs_follow_form1_order(document):
    blocks = section(document, "doklad").blocks
    heading = blocks[0]
    assert heading.lines == ("Доклад о ходе реализации муниципальной программы",
                             "«Развитие информационного общества на территории муниципального "
                             "образования «Город Кедровый»» за 2021 год")
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    items = [t for t in texts if t.startswith("- «")]
    assert len(items) == 10
    assert items[0] == ("- «Уровень удовлетворённости жителей муниципального образования «Город "
                        "Кедровый» качеством предоставления муниципальных услуг». В связи с "
                        "отсутствием специалиста опрос не проводился.")
    assert items[9].startswith("- «Количество граждан, прошедших обучение")
    assert texts[0].startswith("Эффективность работы органов местного самоуправления")
    assert texts[5] == "Информация о достигнутых показателях и реализованных мероприятиях:"
    assert texts[-1].startswith("В 2022 году будет продолжена работа")
    assert blocks[-1] == SignatureBlock("Мэр города Кедрового", "Н.А. Соловьева", "Узварик В.П.")


def test_a_title_that_names_its_kind_is_not_prefixed_twice():
    from kedr_tui.core.derive import Node
    from kedr_tui.export.layout import node_title
    assert node_title(Node("07.1.00.0", "subprogram", "Подпрограмма 1 «Дошкольное образование»", None, 0)) \
        == "Подпрограмма 1 «Дошкольное образование»"
    assert node_title(Node("07.1.00.0", "subprogram", "Дошкольное образование", None, 0)) \
        == "Подпрограмма «Дошкольное образование»"
    assert node_title(Node("07.1.01.0", "main", "основное мероприятие 1. Гарантии", 1, 1)) \
        == "основное мероприятие 1. Гарантии"
    assert node_title(Node("07.0.00.0", "program", "Муниципальная программа «Образование»", None, None)) \
        == "Муниципальная программа «Образование»"
    assert node_title(Node("07.1.01.1", "activity", "Подпрограммы нет", None, 2)) == "Подпрограммы нет"


def test_a_group_with_no_goal_or_task_title_has_no_empty_quotes(seed):
    """A first report has no goal yet: «Показатели цели», not «Показатели цели «»»."""
    from msgspec.structs import replace
    from kedr_tui.core.analysis import Context, analyse
    from kedr_tui.core.locate import Locator
    from kedr_tui.core.model import Task
    report = replace(seed.report, program=replace(seed.report.program, goal=""),
                     tasks=(Task(title=" "), *seed.report.tasks[1:]))
    document = build(analyse(report, Context(Locator(""), 2021, None)))
    headings = [r.text for r in table(document, "form1").rows if isinstance(r, SpanRow)]
    assert headings[:2] == ["Показатели цели", "Показатели задачи 1"]


DISTRICT = """
format = 1
year = 2024
[program]
code = "05"
title = "Развитие района"
[[tasks]]
title = "Занятость"
[[tasks]]
title = "Инфраструктура"
[[activities]]
code = "05.0.01.0"
task = 1
title = "Содействие занятости"
[[activities]]
code = "05.0.01.1"
title = "Общественные работы"
[[activities]]
code = "05.1.00.0"
title = "Сети"
[[activities]]
code = "05.1.01.0"
task = 2
title = "Ремонт сетей"
[[activities]]
code = "05.1.01.1"
title = "Водопровод"
[[expenses]]
code = "05.0.01.1"
executor = "Администрация"
plan_year = 10
plan_period = 10
cash = 10
[[expenses]]
code = "05.1.01.1"
executor = "Администрация"
plan_year = 20
plan_period = 20
cash = 20
"""


def test_a_subprogram_stands_under_the_heading_of_its_own_tasks():
    # A subprogram whose main activities serve task 2 was printed under «Задача 1», the
    # heading of the main activity before it, and «Задача 2» came after its total.
    from tests.export.conftest import analysis_of
    rows = table(build(analysis_of(DISTRICT)), "form2").rows
    order = [r.text if isinstance(r, SpanRow) else r.cells[4] for r in rows
             if isinstance(r, SpanRow) or r.cells[0]]
    assert order == ["Муниципальная программа «Развитие района»",
                     "Задача 1. Занятость",
                     "Основное мероприятие «Содействие занятости»", "Общественные работы",
                     "Задача 2. Инфраструктура",
                     "Подпрограмма «Сети»",
                     "Основное мероприятие «Ремонт сетей»", "Водопровод"]
