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
from kedr_tui.core.numbers import DASH, fmt_date, fmt_money, fmt_pct, fmt_ratio, fmt_value
from kedr_tui.export import wording as xw

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
    return fmt_date(value) if value is not None else DASH


def _value_or_note(value: Decimal | None, note: str) -> str:
    if value is not None:
        return fmt_value(value)
    return note or DASH


# ---------------------------------------------------------------- title

def title_section(report: Report) -> Section:
    program = report.program.title
    lines = (xw.TITLE_REPORT, xw.TITLE_ON_PROGRAM)
    if program:
        lines += (_quoted(program.upper()),)
    lines += (xw.for_year(report.year),)
    return Section("title", (Heading(lines, 1),))


# ---------------------------------------------------------------- Form 1

FORM1_COLUMNS = (
    PrintColumn(xw.COL_NUMBER, CENTER),
    PrintColumn(xw.COL_INDICATOR),
    PrintColumn(xw.COL_UNIT, CENTER),
    PrintColumn(xw.COL_PREV, CENTER),
    PrintColumn(xw.COL_PLAN, CENTER),
    PrintColumn(xw.COL_FACT, CENTER),
    PrintColumn(xw.COL_ABS_DEVIATION, CENTER),
    PrintColumn(xw.COL_REL_DEVIATION, CENTER),
    PrintColumn(xw.COL_GROWTH, CENTER),
    PrintColumn(xw.COL_JUSTIFICATION),
    PrintColumn(xw.COL_FORMULA),
)

FORM1_HEADER = (
    HeaderCell(xw.COL_NUMBER, 0, 0, rowspan=2),
    HeaderCell(xw.COL_INDICATOR, 0, 1, rowspan=2),
    HeaderCell(xw.HEAD_UNIT, 0, 2, rowspan=2),
    HeaderCell(xw.HEAD_VALUE, 0, 3, colspan=3),
    HeaderCell(xw.HEAD_PREV, 1, 3),
    HeaderCell(xw.HEAD_PLAN, 1, 4),
    HeaderCell(xw.HEAD_FACT, 1, 5),
    HeaderCell(xw.COL_ABS_DEVIATION, 0, 6, rowspan=2),
    HeaderCell(xw.HEAD_REL_DEVIATION, 0, 7, rowspan=2),
    HeaderCell(xw.HEAD_GROWTH, 0, 8, rowspan=2),
    HeaderCell(xw.HEAD_JUSTIFICATION, 0, 9, rowspan=2),
    HeaderCell(xw.HEAD_FORMULA, 0, 10, rowspan=2),
)

NO_INDICATORS = xw.NO_INDICATORS


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
    heading = Heading((xw.FORM1_TITLE,), 2)
    return Section("form1", (heading, Table("form1", FORM1_COLUMNS, FORM1_HEADER, True,
                                            tuple(rows))))


# ---------------------------------------------------------------- Form 2

FORM2_COLUMNS = (
    PrintColumn(xw.CODE_MP, CENTER), PrintColumn(xw.CODE_PP, CENTER), PrintColumn(xw.CODE_OM, CENTER), PrintColumn(xw.CODE_M, CENTER),
    PrintColumn(xw.COL_NODE),
    PrintColumn(xw.COL_EXECUTOR),
    PrintColumn(xw.COL_PLAN_YEAR, RIGHT),
    PrintColumn(xw.COL_PLAN_PERIOD, RIGHT),
    PrintColumn(xw.COL_CASH, RIGHT),
    PrintColumn(xw.COL_PCT_YEAR, RIGHT),
    PrintColumn(xw.COL_PCT_PERIOD, RIGHT),
    PrintColumn(xw.COL_EXPENSE_JUSTIFICATION, prose=True),
)

FORM2_HEADER = (
    HeaderCell(xw.HEAD_CODES, 0, 0, rowspan=2, colspan=4),
    HeaderCell(xw.CODE_MP, 2, 0), HeaderCell(xw.CODE_PP, 2, 1), HeaderCell(xw.CODE_OM, 2, 2), HeaderCell(xw.CODE_M, 2, 3),
    HeaderCell(xw.HEAD_NODE, 0, 4, rowspan=3),
    HeaderCell(xw.COL_EXECUTOR, 0, 5, rowspan=3),
    HeaderCell(xw.HEAD_BUDGET, 0, 6, colspan=3),
    HeaderCell(xw.HEAD_PLAN_YEAR, 1, 6, rowspan=2),
    HeaderCell(xw.HEAD_PLAN_PERIOD, 1, 7, rowspan=2),
    HeaderCell(xw.HEAD_CASH, 1, 8, rowspan=2),
    HeaderCell(xw.HEAD_CASH_PCT, 0, 9, colspan=2),
    HeaderCell(xw.HEAD_PCT_YEAR, 1, 9, rowspan=2),
    HeaderCell(xw.HEAD_PCT_PERIOD, 1, 10, rowspan=2),
    HeaderCell(xw.COL_EXPENSE_JUSTIFICATION, 0, 11, rowspan=3),
)

KIND_TITLES = {
    "program": xw.KIND_PROGRAM,
    "subprogram": xw.KIND_SUBPROGRAM,
    "main": xw.KIND_MAIN,
}
TOTAL = xw.TOTAL


def code_cells(code: str) -> tuple[str, str, str, str]:
    """МП, Пп, ОМ, М as the form prints them: «04», «0», «02» (or «0»), «3»."""
    parts = split_code(code)
    if parts is None:
        return (code, "", "", "")
    _mp, pp, om, m = parts
    return (code.split(".")[0], str(pp), f"{om:02d}" if om else "0", str(m))


def node_title(node: Node) -> str:
    """«Подпрограмма «…»»: the kind before the quoted title, unless the title already
    starts with it (a subprogram entered as «Подпрограмма 1 «Дошкольное образование»»)."""
    prefix = KIND_TITLES.get(node.kind)
    if not prefix or node.title.casefold().startswith(prefix.casefold()):
        return node.title
    return f"{prefix} {_quoted(node.title)}".strip()


def _money_cells(total: Amounts) -> tuple[str, ...]:
    return (fmt_money(total.plan_year), fmt_money(total.plan_period), fmt_money(total.cash),
            fmt_pct(total.pct_year), fmt_pct(total.pct_period))


def form2(analysis: Analysis) -> Section:
    report = analysis.report
    rows: list[PrintRow | SpanRow] = []
    task_shown: int | None = None
    for node in analysis.derived.tree.walk():
        head = node.heading
        if head is not None:
            task = task_of(head, report)
            if task is not None and task != task_shown:
                title = report.tasks[task - 1].title if 0 < task <= len(report.tasks) else ""
                rows.append(SpanRow(xw.task_row(task, title).rstrip()))
                task_shown = task
        executors = node.shown_executors
        rows.append(PrintRow((*code_cells(node.code), node_title(node), TOTAL,
                         *_money_cells(node.total), node.justification),
                        bold=True, keep_with_next=bool(executors)))
        for line in executors:
            rows.append(PrintRow(("", "", "", "", "", line.executor, *_money_cells(line.amounts),
                             line.justification)))
    heading = Heading((xw.FORM2_TITLE,), 2)
    return Section("form2", (heading, Table("form2", FORM2_COLUMNS, FORM2_HEADER, False,
                                            tuple(rows))))


# ---------------------------------------------------------------- Form 3

FORM3_COLUMNS = (
    PrintColumn(xw.COL_NUMBER, CENTER),
    PrintColumn(xw.COL_ACT),
    PrintColumn(xw.COL_ACT_DATE, CENTER),
    PrintColumn(xw.COL_ACT_NUMBER, CENTER),
    PrintColumn(xw.COL_ACT_SUMMARY),
)

NO_AMENDMENTS = xw.NO_AMENDMENTS


def form3(analysis: Analysis) -> Section:
    rows: list[PrintRow | SpanRow] = [
        PrintRow((str(number), a.act, _date(a.date), a.number, a.summary))
        for number, a in enumerate(analysis.report.amendments, start=1)
    ]
    if not rows:
        rows.append(SpanRow(NO_AMENDMENTS, bold=False, keep_with_next=False))
    heading = Heading((xw.FORM3_TITLE,), 2)
    return Section("form3", (heading, Table("form3", FORM3_COLUMNS,
                                            _simple_header(FORM3_COLUMNS), False, tuple(rows))))


# ---------------------------------------------------------------- evaluation

EVALUATION_COLUMNS = (
    PrintColumn(xw.COL_MEASURE),
    PrintColumn(xw.COL_SYMBOL, CENTER),
    PrintColumn(xw.COL_CALCULATION),
    PrintColumn(xw.COL_VALUE, CENTER),
)

ACHIEVEMENT_COLUMNS = (
    PrintColumn(xw.COL_NUMBER, CENTER),
    PrintColumn(xw.COL_INDICATOR),
    PrintColumn(xw.COL_EVAL_PLAN, CENTER),
    PrintColumn(xw.COL_EVAL_FACT, CENTER),
    PrintColumn(xw.COL_SDP, CENTER),
)


def _plain_percent(share: Decimal) -> str:
    return fmt_value((share * 100).normalize())


def rating_scale() -> str:
    return xw.rating_scale([(fmt_value(threshold), name) for threshold, name in RATINGS], RATING_LOW)


def evaluation(analysis: Analysis) -> Section:
    report, derived = analysis.report, analysis.derived
    ev, total = derived.evaluation, derived.tree.total
    counted = len(ev.achievements)
    summary = (
        PrintRow((xw.SR_NAME, xw.SR,
             xw.sr_calculation(counted, len(report.indicators)),
             fmt_ratio(ev.sr))),
        PrintRow((xw.SS_NAME, xw.SS,
             xw.ss_calculation(fmt_money(total.cash), fmt_money(total.plan_year)), fmt_ratio(ev.ss))),
        PrintRow((xw.SRM_NAME, xw.SRM,
             xw.srm_calculation(_plain_percent(CASH_THRESHOLD), ev.activities_done, ev.activities_counted),
             fmt_ratio(ev.srm))),
        PrintRow((xw.EIS_NAME, xw.EIS, xw.EIS_CALCULATION,
             fmt_ratio(ev.eis))),
        PrintRow((xw.ER_NAME, xw.ER, xw.ER_CALCULATION,
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
        Heading((xw.EVALUATION_TITLE,), 2),
        Table("evaluation", EVALUATION_COLUMNS, _simple_header(EVALUATION_COLUMNS), False,
              summary),
        Paragraph(xw.evaluation_result(ev.rating, fmt_ratio(ev.er)), bold=True, indent=False),
        Paragraph(rating_scale(), indent=False),
        Heading((xw.ACHIEVEMENT_TITLE,), 3),
        Table("achievements", ACHIEVEMENT_COLUMNS, _simple_header(ACHIEVEMENT_COLUMNS), False,
              tuple(rows)),
    ]
    if ev.left_out:
        blocks.append(Paragraph(xw.left_out_note(DASH, NEGATIVE_LEFT_OUT in ev.left_out_reasons),
                                indent=False))
    return Section("evaluation", tuple(blocks))


# ---------------------------------------------------------------- Доклад

def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def doklad(analysis: Analysis) -> Section:
    report, derived = analysis.report, analysis.derived
    title = report.program.title
    heading = Heading((xw.DOKLAD_TITLE,
                       xw.doklad_subtitle(_quoted(title), report.year).strip()), 2)
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
