"""The review as the screen shows it: marker cells, the «Рассмотрение» tab's rows, the marks
of a row for the detail pane, and where each mark's row is.  Pure (rich only for text).

Rows of the report are found from a mark by its typed identity (``core.identity``),
so a mark follows its row wherever it moved and is shown as orphaned when it is gone.
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

from rich.text import Text

from kedr_tui.core import identity
from kedr_tui.core import review as R
from kedr_tui.core.model import Report
from kedr_tui.core.identity import ActivityId, TaskId
from kedr_tui.view import wording as vw
from kedr_tui.view.keys import PROGRAMME, Heading, ReviewKey, record_key
from kedr_tui.view.rows import GOAL, REVIEW_MARKS, Cell, State, ViewRow, ref_target, short_text

# The marker column: one character per mark status (a finding's «!»/«✖» otherwise).
MARK_SYMBOLS = REVIEW_MARKS
CHANGED_SYMBOL = "△"   # reworked since the mark: the meeting should look again

MEETING_FIELDS = tuple(vw.MEETING_FIELDS.items())
MEETING_CHOICES = {"rating": R.RATINGS, "decision": R.DECISIONS,
                   "program_decision": R.PROGRAM_DECISIONS}


def row_id(report: Report | None, row: ViewRow | None):
    """The identity of a table row, or ``None`` for rows that are not rows of the report
    (headings, totals computed from others)."""
    if report is None or row is None or row.section is None:
        return None
    if row.kind in ("line", "heading", "orphan", "finding"):
        return None
    section = row.section
    if section == "report":
        return identity.REPORT
    try:
        return identity.of(report, section, row.index, row.field)
    except (IndexError, ValueError):
        return None


def place(report: Report, rid) -> tuple[str, object, str | None] | None:
    """(table, row key, field) where the row named by ``rid`` is shown, or ``None`` if gone."""
    if isinstance(rid, identity.ReportId):
        return None
    found = identity.find(report, rid)
    if found is None:
        return None
    section, index = found
    field = None
    if isinstance(rid, identity.NarrativeId):
        field = "comment" if rid.part == "comment" else rid.part
    elif isinstance(rid, identity.TableId):
        field = "title" if rid.name == "program" else "position"
    return ref_target(report, section, index, field)


def marker_cells(review: R.Review | None, report: Report | None) -> dict[tuple, str]:
    """(section, index) -> the status of the row's latest mark, for the marker column."""
    if review is None or report is None:
        return {}
    out: dict[tuple, str] = {}
    for mark in review.marks:
        if isinstance(mark.row, (identity.ReportId, identity.NarrativeId)):
            continue
        found = identity.find(report, mark.row)
        if found is not None:
            out[found] = mark.status
    return out


def marks_for(review: R.Review | None, rid) -> list[tuple[int, R.Mark]]:
    if review is None or rid is None:
        return []
    return [(i, m) for i, m in enumerate(review.marks) if m.row == rid]


def mark_lines(review: R.Review | None, report: Report, rid) -> list[tuple[str, str]]:
    """The row's marks and assignments for the detail pane: (text, role) lines."""
    out = []
    for _i, mark in marks_for(review, rid):
        who = ", ".join(p for p in (mark.author, mark.made.strftime("%d.%m.%Y %H:%M")
                                    if mark.made else "") if p)
        out.append((vw.mark_line(mark.status, who, " ".join(mark.comment.split())), "review"))
        state = R.mark_state(mark, report)
        if state:
            out.append((state, "bad"))
    if review is not None:
        for item in review.assignments:
            if item.row == rid and not item.done:
                out.append((vw.assignment_line(item.responsible, item.due.strftime("%d.%m.%Y") if item.due
                                               else None, " ".join(item.text.split())), "review"))
    return out


# ---------------------------------------------------------------- the «Рассмотрение» tab

def _value(meeting: R.Meeting, key: str) -> str:
    value = getattr(meeting, key)
    if key == "date":
        return value.strftime("%d.%m.%Y") if value else "—"
    if key == "participants":
        return ", ".join(value) or "—"
    return " ".join(str(value).split()) or "—"


def review_rows(review: R.Review | None, report: Report | None, computed_rating: str,
                today: _dt.date) -> list[ViewRow]:
    """Meeting details, marks, assignments and earlier meetings, as table rows."""
    status = R.status_of(review)    # (no review yet: «черновик», as the header says)
    review = review or R.Review("")
    rows: list[ViewRow] = []
    blank = Cell("")
    meeting = review.meeting
    rows.append(ViewRow(Heading("meeting"), "heading", (blank, Cell(vw.MEETING, "group"), blank, blank,
                                                        Cell(vw.report_status(status), "group"))))
    for key, label in MEETING_FIELDS:
        hint = ""
        role = ""
        if key == "rating":
            needs_reason = bool(meeting.rating and meeting.rating != computed_rating
                                and not meeting.rating_reason)
            hint = vw.rating_hint(computed_rating, needs_reason)
            role = "bad" if needs_reason else ""
        value = _value(meeting, key)
        rows.append(ViewRow(ReviewKey("meeting", key), "meeting", (
            blank, Cell(label, "label"), Cell(value, "" if value != "—" else "note"), blank,
            Cell(hint, role or "note")), "meeting", None, key))

    rows.append(ViewRow(Heading("marks"), "heading", (blank, Cell(vw.marks_heading(len(review.marks)),
                                                           "group"), blank, blank, blank)))
    for i, mark in enumerate(review.marks):
        state = R.mark_state(mark, report) if report is not None else ""
        symbol = CHANGED_SYMBOL if state.startswith(R.CHANGED) else MARK_SYMBOLS.get(mark.status, "")
        text = " ".join(mark.comment.split()) or "—"
        if state:
            text = f"{state}. {text}"
        rows.append(ViewRow(ReviewKey("mark", i), "mark", (
            Cell(symbol, "bad" if state else "review"), Cell(vw.MARK),
            Cell(identity.describe(mark.row), "bad" if state == R.ORPHANED else ""),
            Cell(mark.status, "review"), Cell(text, "bad" if state else "")), "marks", i))

    rows.append(ViewRow(Heading("assignments"), "heading", (
        blank, Cell(vw.assignments_heading(len(review.assignments)), "group"), blank, blank, blank)))
    for i, item in enumerate(review.assignments):
        late = item.overdue(today)
        due = item.due.strftime("%d.%m.%Y") if item.due else None
        status = vw.assignment_status(item.done, late, due)
        where = identity.describe(item.row)
        text = " ".join(item.text.split()) + (f" — {item.responsible}" if item.responsible else "")
        if late:
            text = vw.late_assignment(due, text)
        rows.append(ViewRow(ReviewKey("assignment", i), "assignment", (
            Cell("!" if late else ("✓" if item.done else ""), "bad" if late else "review"),
            Cell(vw.ASSIGNMENT), Cell(where), Cell(status, "bad" if late else ("note" if item.done
                                                                              else "")),
            Cell(text, "bad" if late else "")), "assignments", i))

    for n, old in enumerate(reversed(review.history)):
        when = old.date.strftime("%d.%m.%Y") if old.date else None
        rows.append(ViewRow(ReviewKey("history", n), "history", (
            blank, Cell(vw.PAST, "note"), Cell(vw.past_meeting(old.number, when), "note"),
            Cell(old.decision or "—", "note"),
            Cell(short_text(vw.past_outcome(old.rating, old.program_decision), 80), "note"))))
    return rows


def mark_targets(review: R.Review | None, report: Report | None,
                 tables: dict[str, list[ViewRow]]):
    """Where each marked row is shown, for ``]`` / ``[`` (with the findings)."""
    from kedr_tui.view.navigate import target

    if review is None or report is None:
        return []
    out = []
    for mark in review.marks:
        where = place(report, mark.row)
        if where is None:
            continue
        table, key, _field = where
        found = target(tables.get(table, []), table, key)
        if found is not None:
            out.append(found)
    return out


def state_rows(state: State) -> list[ViewRow]:
    """The «Рассмотрение» tab's rows for a screen state."""
    rating = state.derived.evaluation.rating if state.derived is not None and not (
        state.unknown is not None and state.unknown.evaluation) else "—"
    return review_rows(state.review, state.report, rating, state.today or _dt.date.today())


def review_detail(table: str, row: ViewRow | None, state: State, styles: dict | None = None):
    """The detail pane for a row of the «Рассмотрение» tab, or a report row with marks
    (its own detail and then its marks); ``None``: nothing to add to the usual detail."""
    from kedr_tui.view.detail import _detail_text

    styles = styles or {}
    review, report = state.review, state.report
    if table == "review":
        return _review_row_detail(row, state, styles)
    rid = row_id(report, row)
    lines = mark_lines(review, report, rid) if rid is not None else []
    if not lines:
        return None
    text = _detail_text(table, row, state, styles)
    for line, role in lines:
        text.append("\n")
        text.append(line, styles.get(role, ""))
    return text


def _review_row_detail(row: ViewRow | None, state: State, styles: dict) -> Text:
    text = Text(no_wrap=False, end="")
    label, note = styles.get("label", ""), styles.get("note", "")
    review, report = state.review, state.report
    if row is None:
        text.append(vw.NO_ROW, note)
        return text
    if row.kind == "meeting":
        text.append(f"{row.cells[1].text}: ", label)
        text.append(row.cells[2].text)
        hint = row.cells[4]     # the computed rating, «укажите причину»: cut short at 80 columns
        if hint.text:
            text.append("\n" + hint.text, styles.get(hint.role, "") or note)
        if row.field in MEETING_CHOICES:
            text.append(vw.POSSIBLE_VALUES + ", ".join(MEETING_CHOICES[row.field]), note)
        text.append(vw.ENTER_TO_CHANGE, note)
    elif row.kind == "mark" and review is not None:
        mark = review.marks[row.index]
        text.append(vw.mark_heading(mark.status), label)
        text.append(identity.describe(mark.row))
        who = ", ".join(p for p in (mark.author, mark.made.strftime("%d.%m.%Y %H:%M")
                                    if mark.made else "") if p)
        if who:
            text.append(f"\n{who}", note)
        text.append("\n" + (mark.comment.strip() or vw.NO_COMMENT))
        state_text = R.mark_state(mark, report) if report is not None else ""
        if state_text:
            text.append("\n" + state_text, styles.get("bad", ""))
        text.append(vw.MARK_KEYS, note)
    elif row.kind == "assignment" and review is not None:
        item = review.assignments[row.index]
        text.append(vw.ASSIGNMENT_LABEL, label)
        text.append(item.text.strip())
        text.append(vw.RESPONSIBLE_LABEL, label)
        text.append(item.responsible or "—")
        text.append(vw.DUE_LABEL, label)
        text.append(item.due.strftime("%d.%m.%Y") if item.due else "—")
        text.append(vw.ROW_LABEL, label)
        text.append(identity.describe(item.row))
        text.append(vw.ASSIGNMENT_KEYS, note)
    else:
        text.append(next((c.text for c in row.cells if c.text.strip()), ""), label)
        if row.kind == "heading" and row.cells[4].text:     # the report's status, cut short
            text.append("\n" + row.cells[4].text)
        text.append(vw.REVIEW_KEYS, note)
    return text


# ---------------------------------------------------------------- the meeting view (v)

def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def fit_names(names: list[str], width: int) -> list[str]:
    """Names cut to ``width`` so that neighbours that begin alike can still be told apart:
    a long shared beginning is cut in the middle («Доля муниц…информация о которых…»)."""
    out = []
    width = max(width, 8)
    for i, name in enumerate(names):
        name = " ".join(name.split())
        if len(name) <= width:
            out.append(name)
            continue
        others = [" ".join(n.split()) for j, n in enumerate(names) if j != i]
        shared = max((_common(name, other) for other in others), default=0)
        if shared < width * 0.6:
            out.append(name[:width - 1].rstrip() + "…")
            continue
        start = name.rfind(" ", 0, shared) + 1          # from the word where they differ
        keep = max(6, width // 3)
        prefix = name[:keep].rstrip() + "…"
        room = width - len(prefix)
        tail = name[start:]
        if len(tail) > room:
            tail = tail[:room - 1].rstrip() + "…"
        out.append(prefix + tail)
    return out


class MeetingLine(NamedTuple):
    key: object               # the row's key in its tab (view/keys.py: for jumping back, marking)
    cells: tuple[str, ...]
    role: str = ""            # "group" for a heading, "bad" for an unfavourable row
    mark: str = ""            # the mark status, if marked


MEETING_HEADERS = {
    "indicators": ("№", vw.MEETING_INDICATOR, vw.MEETING_PLAN, vw.MEETING_FACT, vw.COL_REL, vw.COL_GROWTH, " "),
    "expenses": (vw.COL_CODE, vw.MEETING_ACTIVITY, vw.MEETING_PLAN_YEAR, vw.MEETING_CASH, vw.COL_PCT_YEAR, vw.COL_PCT_PERIOD, " "),
}


def meeting_lines(state: State, table: str) -> list[MeetingLine]:
    """What the meeting view shows for ``table`` (indicators, or expenses by activity)."""
    from kedr_tui.core.numbers import fmt_money, fmt_pct, fmt_value

    report, derived = state.report, state.derived
    if report is None or derived is None:
        return []
    marks = marker_cells(state.review, report)
    out = []
    if table == "indicators":
        for group in derived.groups:
            if not group.rows:
                continue
            prefix = vw.group_short(group.task)
            out.append(MeetingLine(TaskId(group.task) if group.task else GOAL,
                                   ("", group.heading, "", "", "", "", ""),
                                   "group"))
            for number, index in group.rows:
                ind, fig = report.indicators[index], derived.indicators[index]
                status = marks.get(("indicators", index), "")
                fact = fmt_value(ind.fact) if ind.fact is not None else "—"
                out.append(MeetingLine(record_key(report, "indicators", index), (
                    f"{prefix}.{number}", ind.name, fmt_value(ind.plan), fact,
                    fmt_pct(fig.rel_deviation), fmt_pct(fig.growth),
                    MARK_SYMBOLS.get(status, "")), "bad" if fig.unfavourable else "", status))
        return out
    if table == "expenses":
        for node in derived.tree.walk():        # subprograms too: a district's meeting walks them
            total = node.total
            key = PROGRAMME if node.kind == "program" else ActivityId(node.code)
            status = marks.get(("activities", node.activity), "") if node.activity is not None else ""
            out.append(MeetingLine(key, (
                node.code, node.title, fmt_money(total.plan_year), fmt_money(total.cash),
                fmt_pct(total.pct_year), fmt_pct(total.pct_period), MARK_SYMBOLS.get(status, "")),
                "group" if node.kind in ("program", "subprogram", "main") else "", status))
    return out
