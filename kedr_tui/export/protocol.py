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
from kedr_tui.core.safe_text import squeeze
from kedr_tui.export.layout import (CENTER, Block, Document, Heading, Paragraph, PrintColumn,
                                    PrintRow, Section, SignatureBlock, Table, _simple_header)
from kedr_tui.export import wording as xw

FINDING_COLUMNS = (PrintColumn("№", CENTER), PrintColumn(xw.COL_CODE, CENTER),
                   PrintColumn(xw.COL_CHECK_RESULT))
MARK_COLUMNS = (PrintColumn("№", CENTER), PrintColumn(xw.COL_REPORT_ROW),
                PrintColumn(xw.COL_STATUS, CENTER), PrintColumn(xw.COL_MARK))
ASSIGNMENT_COLUMNS = (PrintColumn("№", CENTER), PrintColumn(xw.COL_ASSIGNMENT),
                      PrintColumn(xw.COL_REPORT_ROW), PrintColumn(xw.COL_RESPONSIBLE),
                      PrintColumn(xw.COL_DUE, CENTER))
_EMPTY = "—"


def _date(value: _dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else xw.BLANK_DATE


def _one_line(text: str) -> str:
    return squeeze(text)       # a U+2028 in a comment stays for visible_text to show


def protocol_title(analysis: Analysis, review: Review) -> tuple[str, ...]:
    report = analysis.report
    number = review.meeting.number or "___"
    return (xw.protocol_number(number),
            xw.PROTOCOL_OF_MEETING,
            xw.program_year(report.program.title, report.year))


def _where(finding, report) -> str:
    ref = finding.ref
    if len(ref) == 2 and ref[0] and ref[1] is not None:
        try:
            return identity.describe(identity.of(report, ref[0], ref[1], finding.field))
        except (IndexError, ValueError, AttributeError):
            return ""
    return ""


# PT Sans, the PDF's font, has no arrow: «факт 91,2 → 95» printed as «факт 91,2 95».
PDF_ARROW = "->"


def build_protocol(analysis: Analysis, review: Review, arrow: str = "→") -> Document:
    report, meeting = analysis.report, review.meeting
    ev = analysis.derived.evaluation
    blocks: list[Block] = [Heading(protocol_title(analysis, review), 1)]
    people = [
        xw.meeting_date(_date(meeting.date)),
        xw.meeting_chair(meeting.chair or DASH),
        xw.meeting_secretary(meeting.secretary or DASH),
        xw.present(", ".join(meeting.participants) or DASH),
    ]
    blocks += [Paragraph(line, indent=False) for line in people]

    blocks.append(Heading((xw.PROTOCOL_EVALUATION,), 2))
    blocks.append(Paragraph(xw.computed_rating(ev.rating, fmt_ratio(ev.er), fmt_ratio(ev.sr), fmt_ratio(ev.eis)), indent=False))
    reason = _one_line(meeting.rating_reason) if meeting.rating != ev.rating else ""
    blocks.append(Paragraph(xw.accepted_rating(meeting.rating, reason), bold=True, indent=False))

    blocks.append(Heading((xw.PROTOCOL_CHECKS,), 2))
    if analysis.findings:
        rows = []
        for i, finding in enumerate(analysis.findings, start=1):
            where = _where(finding, report)
            rows.append(PrintRow((str(i), finding.code,
                             finding.message + (f" ({where})" if where else ""))))
        blocks.append(Table("protocol_findings", FINDING_COLUMNS,
                            _simple_header(FINDING_COLUMNS), False, tuple(rows)))
    else:
        blocks.append(Paragraph(xw.NO_FINDINGS, indent=False))

    blocks.append(Heading((xw.PROTOCOL_MARKS,), 2))
    if review.marks:
        rows = []
        for i, mark in enumerate(review.marks, start=1):
            text = _one_line(mark.comment) or _EMPTY
            details = [d for d in (mark.author, mark.made.strftime("%d.%m.%Y %H:%M")
                                   if mark.made else "") if d]
            if details:
                text += f" ({', '.join(details)})"
            state = mark_state(mark, report).replace("→", arrow)
            if state:
                text += f". {state[0].upper()}{state[1:]}"
            rows.append(PrintRow((str(i), identity.describe(mark.row), mark.status, text)))
        blocks.append(Table("protocol_marks", MARK_COLUMNS, _simple_header(MARK_COLUMNS), False,
                            tuple(rows)))
    else:
        blocks.append(Paragraph(xw.NO_MARKS, indent=False))

    blocks.append(Heading((xw.PROTOCOL_DECISIONS,), 2))
    blocks.append(Paragraph(xw.decision_on_report(meeting.decision), indent=False))
    blocks.append(Paragraph(xw.decision_on_program(meeting.program_decision), indent=False))

    blocks.append(Heading((xw.PROTOCOL_ASSIGNMENTS,), 2))
    if review.assignments:
        rows = []
        for i, item in enumerate(review.assignments, start=1):
            row = "" if item.row == identity.REPORT else identity.describe(item.row)
            text = xw.assignment_text(_one_line(item.text), item.done)
            rows.append(PrintRow((str(i), text, row or xw.WHOLE_REPORT, item.responsible or DASH,
                             item.due.strftime("%d.%m.%Y") if item.due else DASH)))
        blocks.append(Table("protocol_assignments", ASSIGNMENT_COLUMNS,
                            _simple_header(ASSIGNMENT_COLUMNS), False, tuple(rows)))
    else:
        blocks.append(Paragraph(xw.NO_ASSIGNMENTS, indent=False))

    blocks.append(SignatureBlock(xw.CHAIR, meeting.chair or "________________", ""))
    blocks.append(SignatureBlock(xw.SECRETARY, meeting.secretary or "________________", ""))
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
    return render_document_pdf(build_protocol(analysis, review, PDF_ARROW), date,
                               (analysis.report, review), title=title)
