"""The printed report as headings, tables and paragraphs: built once, rendered twice.

``build(analysis)`` turns a report and its derived figures into a ``Document``
whose cells are final text (numbers already formatted by ``core.numbers``).
``text.py`` draws it with tabulate, ``pdf.py`` with fpdf2; neither computes or
formats a figure of its own, and neither knows the forms' structure.
"""

from __future__ import annotations

from decimal import Decimal

from msgspec import Struct

from kedr_tui.core.analysis import Analysis
from kedr_tui.core.derive import (CASH_THRESHOLD, NEGATIVE_LEFT_OUT, RATING_LOW, RATINGS, Amounts, Node,
                                  split_code, task_of)
from kedr_tui.core.model import Report
from kedr_tui.core.numbers import DASH, fmt_money, fmt_pct, fmt_ratio, fmt_value

LEFT, CENTER, RIGHT = "L", "C", "R"


# ---------------------------------------------------------------- the model

class PrintColumn(Struct, frozen=True):
    title: str                  # a short heading, for outputs without spanning cells (text)
    align: str = LEFT
    prose: bool = False         # free text (a justification): never bold, even in a total row


class HeaderCell(Struct, frozen=True):
    """One cell of a table's (possibly multi-level) heading, as on the printed form."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


class PrintRow(Struct, frozen=True):
    cells: tuple[str, ...]
    bold: bool = False
    keep_with_next: bool = False     # don't end a page on this row (a total before its executors)


class SpanRow(Struct, frozen=True):
    """A row across the whole table: a group heading, a task, or a note."""

    text: str
    bold: bool = True
    keep_with_next: bool = True


class Table(Struct, frozen=True):
    name: str                        # its section in the style files: "form1", "form2", ...
    columns: tuple[PrintColumn, ...]
    header: tuple[HeaderCell, ...]
    numbered: bool                   # print the row «1 2 3 … n» under the heading
    rows: tuple[PrintRow | SpanRow, ...]

    @property
    def header_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.header), default=0)


class Heading(Struct, frozen=True):
    lines: tuple[str, ...]
    level: int                       # 1 document title, 2 form / section, 3 sub-heading


class Paragraph(Struct, frozen=True):
    text: str
    bold: bool = False
    indent: bool = True              # first-line indent, as in the Доклад


class SignatureBlock(Struct, frozen=True):
    position: str
    name: str
    executor: str


Block = Heading | Table | Paragraph | SignatureBlock


class Section(Struct, frozen=True):
    name: str                        # "title", "form1", "form2", "form3", "evaluation", "doklad"
    blocks: tuple[Block, ...]


class Document(Struct, frozen=True):
    year: int
    title: str                       # the programme's title, for the PDF's metadata
    sections: tuple[Section, ...]


# ---------------------------------------------------------------- helpers

def _simple_header(columns: tuple[PrintColumn, ...]) -> tuple[HeaderCell, ...]:
    return tuple(HeaderCell(c.title, 0, i) for i, c in enumerate(columns))


def _quoted(text: str) -> str:
    return f"«{text}»" if text else ""


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else DASH


def _value_or_note(value: Decimal | None, note: str) -> str:
    if value is not None:
        return fmt_value(value)
    return note or DASH


# ---------------------------------------------------------------- title

def title_section(report: Report) -> Section:
    program = report.program.title
    lines = ("ОТЧЕТ", "О РЕАЛИЗАЦИИ МУНИЦИПАЛЬНОЙ ПРОГРАММЫ")
    if program:
        lines += (_quoted(program.upper()),)
    lines += (f"за {report.year} год",)
    return Section("title", (Heading(lines, 1),))


# ---------------------------------------------------------------- Form 1

FORM1_COLUMNS = (
    PrintColumn("№ пп", CENTER),
    PrintColumn("Наименование показателя"),
    PrintColumn("Ед. изм.", CENTER),
    PrintColumn("Факт за прошлый год", CENTER),
    PrintColumn("План на конец года", CENTER),
    PrintColumn("Факт на конец периода", CENTER),
    PrintColumn("Абсолютное отклонение факта от плана", CENTER),
    PrintColumn("Относит. отклонение факта от плана, %", CENTER),
    PrintColumn("Темп роста к прошлому году, %", CENTER),
    PrintColumn("Обоснование отклонений значений показателя"),
    PrintColumn("Расчет значения показателя"),
)

FORM1_HEADER = (
    HeaderCell("№ пп", 0, 0, rowspan=2),
    HeaderCell("Наименование показателя", 0, 1, rowspan=2),
    HeaderCell("Ед. измерения", 0, 2, rowspan=2),
    HeaderCell("Значение показателя", 0, 3, colspan=3),
    HeaderCell("факт на начало отчетного периода (за прошлый год)", 1, 3),
    HeaderCell("план на конец отчетного (текущего) года", 1, 4),
    HeaderCell("факт на конец отчетного периода", 1, 5),
    HeaderCell("Абсолютное отклонение факта от плана", 0, 6, rowspan=2),
    HeaderCell("Относительное отклонение факта от плана, %", 0, 7, rowspan=2),
    HeaderCell("Темп роста к уровню прошлого года, %", 0, 8, rowspan=2),
    HeaderCell("Обоснование отклонений значений целевого показателя (индикатора) "
               "на конец отчетного периода", 0, 9, rowspan=2),
    HeaderCell("Расчет значения показателя на конец отчетного периода", 0, 10, rowspan=2),
)

NO_INDICATORS = "Показатели не заданы"


def form1(analysis: Analysis) -> Section:
    report, derived = analysis.report, analysis.derived
    rows: list[PrintRow | SpanRow] = []
    for group in derived.groups:
        rows.append(SpanRow(group.heading))
        if not group.rows:
            rows.append(SpanRow(NO_INDICATORS, bold=False, keep_with_next=False))
        for number, index in group.rows:
            ind = report.indicators[index]
            fig = derived.indicators[index]
            rows.append(PrintRow((
                str(number), ind.name, ind.unit,
                _value_or_note(ind.prev, ind.prev_note),
                _value_or_note(ind.plan, ""),
                _value_or_note(ind.fact, ind.fact_note),
                fmt_value(fig.abs_deviation), fmt_pct(fig.rel_deviation), fmt_pct(fig.growth),
                ind.justification, ind.formula,
            )))
    heading = Heading(("Форма 1. Отчет о достигнутых значениях показателей цели и задач "
                       "муниципальной программы (подпрограмм)",), 2)
    return Section("form1", (heading, Table("form1", FORM1_COLUMNS, FORM1_HEADER, True,
                                            tuple(rows))))


# ---------------------------------------------------------------- Form 2

FORM2_COLUMNS = (
    PrintColumn("МП", CENTER), PrintColumn("Пп", CENTER), PrintColumn("ОМ", CENTER), PrintColumn("М", CENTER),
    PrintColumn("Наименование программы, подпрограммы, основного мероприятия, мероприятия"),
    PrintColumn("Ответственный исполнитель, соисполнитель"),
    PrintColumn("План на отчетный год, тыс. руб.", RIGHT),
    PrintColumn("План на отчетный период, тыс. руб.", RIGHT),
    PrintColumn("Кассовое исполнение, тыс. руб.", RIGHT),
    PrintColumn("% к плану на год", RIGHT),
    PrintColumn("% к плану на период", RIGHT),
    PrintColumn("Обоснование отклонений", prose=True),
)

FORM2_HEADER = (
    HeaderCell("Коды аналитической программной классификации", 0, 0, rowspan=2, colspan=4),
    HeaderCell("МП", 2, 0), HeaderCell("Пп", 2, 1), HeaderCell("ОМ", 2, 2), HeaderCell("М", 2, 3),
    HeaderCell("Наименование муниципальной программы, подпрограммы, основного мероприятия, "
               "мероприятия", 0, 4, rowspan=3),
    HeaderCell("Ответственный исполнитель, соисполнитель", 0, 5, rowspan=3),
    HeaderCell("Расходы бюджета, тыс. рублей", 0, 6, colspan=3),
    HeaderCell("план на отчетный год", 1, 6, rowspan=2),
    HeaderCell("план на отчетный период", 1, 7, rowspan=2),
    HeaderCell("кассовое исполнение на конец отчетного периода", 1, 8, rowspan=2),
    HeaderCell("Кассовые расходы, %", 0, 9, colspan=2),
    HeaderCell("к плану на отчетный год", 1, 9, rowspan=2),
    HeaderCell("к плану на отчетный период", 1, 10, rowspan=2),
    HeaderCell("Обоснование отклонений", 0, 11, rowspan=3),
)

KIND_TITLES = {
    "program": "Муниципальная программа",
    "subprogram": "Подпрограмма",
    "main": "Основное мероприятие",
}
TOTAL = "Всего"


def code_cells(code: str) -> tuple[str, str, str, str]:
    """МП, Пп, ОМ, М as the form prints them: «04», «0», «02» (or «0»), «3»."""
    parts = split_code(code)
    if parts is None:
        return (code, "", "", "")
    _mp, pp, om, m = parts
    return (code.split(".")[0], str(pp), f"{om:02d}" if om else "0", str(m))


def node_title(node: Node) -> str:
    prefix = KIND_TITLES.get(node.kind)
    return f"{prefix} {_quoted(node.title)}".strip() if prefix else node.title


def _money_cells(total: Amounts) -> tuple[str, ...]:
    return (fmt_money(total.plan_year), fmt_money(total.plan_period), fmt_money(total.cash),
            fmt_pct(total.pct_year), fmt_pct(total.pct_period))


def form2(analysis: Analysis) -> Section:
    report = analysis.report
    rows: list[PrintRow | SpanRow] = []
    task_shown: int | None = None
    for node in analysis.derived.tree.walk():
        if node.kind == "main":
            task = task_of(node, report)
            if task is not None and task != task_shown:
                title = report.tasks[task - 1].title if 0 < task <= len(report.tasks) else ""
                rows.append(SpanRow(f"Задача {task}. {title}".rstrip()))
                task_shown = task
        executors = node.shown_executors
        rows.append(PrintRow((*code_cells(node.code), node_title(node), TOTAL,
                         *_money_cells(node.total), node.justification),
                        bold=True, keep_with_next=bool(executors)))
        for line in executors:
            rows.append(PrintRow(("", "", "", "", "", line.executor, *_money_cells(line.amounts),
                             line.justification)))
    heading = Heading(("Форма 2. Отчет о расходах на реализацию муниципальной программы",), 2)
    return Section("form2", (heading, Table("form2", FORM2_COLUMNS, FORM2_HEADER, False,
                                            tuple(rows))))


# ---------------------------------------------------------------- Form 3

FORM3_COLUMNS = (
    PrintColumn("№ пп", CENTER),
    PrintColumn("Вид правового акта"),
    PrintColumn("Дата принятия", CENTER),
    PrintColumn("Номер", CENTER),
    PrintColumn("Суть изменений (краткое изложение)"),
)

NO_AMENDMENTS = "Изменения в муниципальную программу в отчетном периоде не вносились"


def form3(analysis: Analysis) -> Section:
    rows: list[PrintRow | SpanRow] = [
        PrintRow((str(number), a.act, _date(a.date), a.number, a.summary))
        for number, a in enumerate(analysis.report.amendments, start=1)
    ]
    if not rows:
        rows.append(SpanRow(NO_AMENDMENTS, bold=False, keep_with_next=False))
    heading = Heading(("Форма 3. Сведения о внесенных за отчетный период изменениях "
                       "в муниципальную программу",), 2)
    return Section("form3", (heading, Table("form3", FORM3_COLUMNS,
                                            _simple_header(FORM3_COLUMNS), False, tuple(rows))))


# ---------------------------------------------------------------- evaluation

EVALUATION_COLUMNS = (
    PrintColumn("Показатель оценки"),
    PrintColumn("Обозначение", CENTER),
    PrintColumn("Расчет"),
    PrintColumn("Значение", CENTER),
)

ACHIEVEMENT_COLUMNS = (
    PrintColumn("№ пп", CENTER),
    PrintColumn("Наименование показателя"),
    PrintColumn("План", CENTER),
    PrintColumn("Факт", CENTER),
    PrintColumn("СДП", CENTER),
)


def _plain_percent(share: Decimal) -> str:
    return fmt_value((share * 100).normalize())


def rating_scale() -> str:
    steps = [f"ЭР ≥ {fmt_value(threshold)} — {name}" for threshold, name in RATINGS]
    return ("Шкала оценки: " + "; ".join(steps)
            + f"; ЭР < {fmt_value(RATINGS[-1][0])} — {RATING_LOW}.")


def evaluation(analysis: Analysis) -> Section:
    report, derived = analysis.report, analysis.derived
    ev, total = derived.evaluation, derived.tree.total
    counted = len(ev.achievements)
    summary = (
        PrintRow(("Степень достижения плановых значений показателей", "СР",
             f"среднее значение СДП; учтено показателей: {counted} из {len(report.indicators)}",
             fmt_ratio(ev.sr))),
        PrintRow(("Степень соответствия запланированному уровню расходов", "ССуз",
             f"кассовые расходы / план на отчетный год = {fmt_money(total.cash)} / "
             f"{fmt_money(total.plan_year)}", fmt_ratio(ev.ss))),
        PrintRow(("Степень реализации мероприятий", "СРм",
             f"мероприятия с кассовым исполнением не менее {_plain_percent(CASH_THRESHOLD)} % "
             f"плана на год: {ev.activities_done} из {ev.activities_counted}",
             fmt_ratio(ev.srm))),
        PrintRow(("Эффективность использования средств бюджета", "Эис", "СРм / ССуз",
             fmt_ratio(ev.eis))),
        PrintRow(("Эффективность реализации муниципальной программы", "ЭР", "СР × Эис",
             fmt_ratio(ev.er)), bold=True),
    )
    degrees = dict(ev.achievements)
    rows: list[PrintRow | SpanRow] = []
    for group in derived.groups:
        if not group.rows:
            continue
        rows.append(SpanRow(group.heading))
        for number, index in group.rows:
            ind = report.indicators[index]
            rows.append(PrintRow((str(number), ind.name, _value_or_note(ind.plan, ""),
                             _value_or_note(ind.fact, ""), fmt_ratio(degrees.get(index)))))
    if not rows:
        rows.append(SpanRow(NO_INDICATORS, bold=False, keep_with_next=False))
    blocks: list[Block] = [
        Heading(("Оценка эффективности реализации муниципальной программы",), 2),
        Table("evaluation", EVALUATION_COLUMNS, _simple_header(EVALUATION_COLUMNS), False,
              summary),
        Paragraph(f"Эффективность реализации муниципальной программы: {ev.rating} "
                  f"(ЭР = {fmt_ratio(ev.er)}).", bold=True, indent=False),
        Paragraph(rating_scale(), indent=False),
        Heading(("Степень достижения плановых значений показателей (СДП)",), 3),
        Table("achievements", ACHIEVEMENT_COLUMNS, _simple_header(ACHIEVEMENT_COLUMNS), False,
              tuple(rows)),
    ]
    if ev.left_out:
        why = "нет фактического значения или план равен нулю"
        if NEGATIVE_LEFT_OUT in ev.left_out_reasons:
            why = "нет фактического значения, план равен нулю или план либо факт меньше нуля"
        blocks.append(Paragraph(f"«{DASH}» — показатель не учитывается в оценке: {why}.",
                                indent=False))
    return Section("evaluation", tuple(blocks))


# ---------------------------------------------------------------- Доклад

def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def doklad(analysis: Analysis) -> Section:
    report, derived = analysis.report, analysis.derived
    title = report.program.title
    heading = Heading(("Доклад о ходе реализации муниципальной программы",
                       f"{_quoted(title)} за {report.year} год".strip()), 2)
    blocks: list[Block] = [heading]
    blocks += [Paragraph(text) for text in _paragraphs(report.narrative.intro)]
    for group in derived.groups:
        for _number, index in group.rows:
            ind = report.indicators[index]
            comment = " ".join(ind.comment.split())
            blocks.append(Paragraph(f"- {_quoted(ind.name)}." + (f" {comment}" if comment else "")))
    blocks += [Paragraph(text) for text in _paragraphs(report.narrative.outro)]
    sig = report.signature
    if sig.position or sig.name or sig.executor:
        blocks.append(SignatureBlock(sig.position, sig.name, sig.executor))
    return Section("doklad", tuple(blocks))


# ---------------------------------------------------------------- everything

def build(analysis: Analysis) -> Document:
    report = analysis.report
    sections = (title_section(report), form1(analysis), form2(analysis), form3(analysis),
                evaluation(analysis), doklad(analysis))
    return Document(report.year, report.program.title, sections)
