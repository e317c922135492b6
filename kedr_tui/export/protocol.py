"""The protocol of a review meeting, as a layout ``Document`` rendered like the report.

Built from the report's analysis (the computed evaluation, the findings of
the checks) and the review (the meeting, every mark with its row and
comment, the decisions, the assignments); ``text.py`` and ``pdf.py`` draw it
with the same styles, font and page numbering as the report.
"""

from __future__ import annotations

import datetime as _dt

from kedr_tui.core import identity
from kedr_tui.core.analysis import Analysis
from kedr_tui.core.numbers import DASH, fmt_ratio
from kedr_tui.core.review import Review, mark_state
from kedr_tui.export.layout import (CENTER, Block, Document, Heading, Paragraph, PrintColumn,
                                    PrintRow, Section, SignatureBlock, Table, _simple_header)

FINDING_COLUMNS = (PrintColumn("№", CENTER), PrintColumn("Код", CENTER),
                   PrintColumn("Результат проверки"))
MARK_COLUMNS = (PrintColumn("№", CENTER), PrintColumn("Строка отчета"),
                PrintColumn("Статус", CENTER), PrintColumn("Замечание"))
ASSIGNMENT_COLUMNS = (PrintColumn("№", CENTER), PrintColumn("Поручение"),
                      PrintColumn("Строка отчета"), PrintColumn("Ответственный"),
                      PrintColumn("Срок", CENTER))
_EMPTY = "—"


def _date(value: _dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "«___» __________ 20__ г."


def _one_line(text: str) -> str:
    return " ".join(text.split())


def protocol_title(analysis: Analysis, review: Review) -> tuple[str, ...]:
    report = analysis.report
    number = review.meeting.number or "___"
    return (f"ПРОТОКОЛ № {number}",
            "заседания комиссии по рассмотрению отчета о реализации муниципальной программы",
            f"«{report.program.title}» за {report.year} год")


def _where(finding, report) -> str:
    ref = finding.ref
    if len(ref) == 2 and ref[0] and ref[1] is not None:
        try:
            return identity.describe(identity.of(report, ref[0], ref[1], finding.field))
        except (IndexError, ValueError, AttributeError):
            return ""
    return ""


def build_protocol(analysis: Analysis, review: Review) -> Document:
    report, meeting = analysis.report, review.meeting
    ev = analysis.derived.evaluation
    blocks: list[Block] = [Heading(protocol_title(analysis, review), 1)]
    people = [
        f"Дата заседания: {_date(meeting.date)}",
        f"Председатель: {meeting.chair or DASH}",
        f"Секретарь: {meeting.secretary or DASH}",
        "Присутствовали: " + (", ".join(meeting.participants) or DASH),
    ]
    blocks += [Paragraph(line, indent=False) for line in people]

    blocks.append(Heading(("1. Оценка эффективности реализации программы",), 2))
    blocks.append(Paragraph(f"Рассчитанная оценка эффективности: {ev.rating} "
                            f"(ЭР = {fmt_ratio(ev.er)}, СР = {fmt_ratio(ev.sr)}, "
                            f"Эис = {fmt_ratio(ev.eis)}).", indent=False))
    if meeting.rating:
        accepted = f"Принятая оценка эффективности: {meeting.rating}."
        if meeting.rating != ev.rating and meeting.rating_reason:
            accepted += f" Основание: {_one_line(meeting.rating_reason)}."
    else:
        accepted = "Оценка эффективности комиссией не принята."
    blocks.append(Paragraph(accepted, bold=True, indent=False))

    blocks.append(Heading(("2. Результаты автоматической проверки отчета",), 2))
    if analysis.findings:
        rows = []
        for i, finding in enumerate(analysis.findings, start=1):
            where = _where(finding, report)
            rows.append(PrintRow((str(i), finding.code,
                             finding.message + (f" ({where})" if where else ""))))
        blocks.append(Table("protocol_findings", FINDING_COLUMNS,
                            _simple_header(FINDING_COLUMNS), False, tuple(rows)))
    else:
        blocks.append(Paragraph("Замечаний проверки нет.", indent=False))

    blocks.append(Heading(("3. Замечания к строкам отчета",), 2))
    if review.marks:
        rows = []
        for i, mark in enumerate(review.marks, start=1):
            text = _one_line(mark.comment) or _EMPTY
            details = [d for d in (mark.author, mark.made.strftime("%d.%m.%Y %H:%M")
                                   if mark.made else "") if d]
            if details:
                text += f" ({', '.join(details)})"
            state = mark_state(mark, report)
            if state:
                text += f". {state[0].upper()}{state[1:]}"
            rows.append(PrintRow((str(i), identity.describe(mark.row), mark.status, text)))
        blocks.append(Table("protocol_marks", MARK_COLUMNS, _simple_header(MARK_COLUMNS), False,
                            tuple(rows)))
    else:
        blocks.append(Paragraph("Замечаний к строкам отчета нет.", indent=False))

    blocks.append(Heading(("4. Решения",), 2))
    blocks.append(Paragraph(f"По отчету: {meeting.decision or 'решение не принято'}.", indent=False))
    blocks.append(Paragraph(f"По муниципальной программе: "
                            f"{meeting.program_decision or 'решение не принято'}.", indent=False))

    blocks.append(Heading(("5. Поручения",), 2))
    if review.assignments:
        rows = []
        for i, item in enumerate(review.assignments, start=1):
            row = "" if item.row == identity.REPORT else identity.describe(item.row)
            text = _one_line(item.text) + (" (выполнено)" if item.done else "")
            rows.append(PrintRow((str(i), text, row or "Отчет в целом", item.responsible or DASH,
                             item.due.strftime("%d.%m.%Y") if item.due else DASH)))
        blocks.append(Table("protocol_assignments", ASSIGNMENT_COLUMNS,
                            _simple_header(ASSIGNMENT_COLUMNS), False, tuple(rows)))
    else:
        blocks.append(Paragraph("Поручений нет.", indent=False))

    blocks.append(SignatureBlock("Председатель", meeting.chair or "________________", ""))
    blocks.append(SignatureBlock("Секретарь", meeting.secretary or "________________", ""))
    return Document(report.year, report.program.title, (Section("protocol", tuple(blocks)),))


def protocol_text(analysis: Analysis, review: Review) -> str:
    from kedr_tui.core.safe_text import visible_text
    from kedr_tui.export.text import render_document

    return visible_text(render_document(build_protocol(analysis, review)))


def protocol_pdf(analysis: Analysis, review: Review) -> tuple[bytes, list[str]]:
    """The protocol as PDF bytes (deterministic: dated the meeting's day), and what the font lacked."""
    from kedr_tui.export.pdf import default_creation_date, render_document_pdf

    meeting = review.meeting
    date = (_dt.datetime(meeting.date.year, meeting.date.month, meeting.date.day,
                         tzinfo=_dt.timezone.utc) if meeting.date
            else default_creation_date(analysis.report.year))
    title = " ".join(protocol_title(analysis, review))
    return render_document_pdf(build_protocol(analysis, review), date, (analysis.report, review),
                               title=title)
