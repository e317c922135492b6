"""The review of a report (SPEC «Review»): marks on rows, meetings, decisions, assignments.

Pure: the review text in, a ``Review`` and its findings out; what the marks
say about the report as it is now (changed since the mark, orphaned) and
what is open or overdue on a given day.  Rows are named by their typed
identity (``core.identity``), never by position, so a mark survives rows
being added, moved or deleted around it, and a mark on a row that is gone
is kept and shown as orphaned.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from decimal import Decimal

from msgspec import Struct, field
from msgspec.structs import replace

from kedr_tui.core import identity, wording
from kedr_tui.core.errors import EditError, Finding
from kedr_tui.core.identity import RowId
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import Report
from kedr_tui.core.numbers import format_decimal, out_of_range
from kedr_tui.core import wording

FORMAT = 1

# The review's vocabulary: values written in the review file (core/wording.py has the words).
STATUSES = DRAFT, REVIEWING, REWORK, ACCEPTED = wording.REVIEW_STATUSES
MARK_STATUSES = QUESTION, REWORK_MARK, ACCEPTED_MARK = wording.MARK_STATUSES
DECISIONS = ACCEPT, RETURN = wording.DECISIONS
PROGRAM_DECISIONS = wording.PROGRAM_DECISIONS
RATINGS = wording.RATINGS


# ---------------------------------------------------------------- the model

class Meeting(Struct, frozen=True):
    """One meeting that reviewed the report; the latest is ``Review.meeting``."""

    number: str = ""
    date: _dt.date | None = None
    chair: str = ""
    secretary: str = ""
    participants: tuple[str, ...] = ()
    rating: str = ""              # the accepted rating; "" until the meeting accepts one
    rating_reason: str = ""       # why it differs from the computed one
    decision: str = ""            # on the report: DECISIONS
    program_decision: str = ""    # on the programme: PROGRAM_DECISIONS

    @property
    def empty(self) -> bool:
        return self == Meeting()


class Mark(Struct, frozen=True):
    """A mark on one row: status, comment, who and when, and the row's values it saw."""

    row: RowId
    status: str
    comment: str = ""
    author: str = ""
    made: _dt.datetime | None = None
    seen: dict = field(default_factory=dict)   # field -> entered value when the mark was made
    line: int = 0                              # where it stands in the file (0: not saved yet)


class Assignment(Struct, frozen=True):
    """An assignment (поручение) on one row or on the whole report."""

    row: RowId
    text: str
    responsible: str = ""
    due: _dt.date | None = None
    done: bool = False
    line: int = 0

    def overdue(self, today: _dt.date) -> bool:
        return not self.done and self.due is not None and self.due < today


class Review(Struct, frozen=True):
    report: str                                # the file name of the report it reviews
    status: str = REVIEWING
    meeting: Meeting = Meeting()
    history: tuple[Meeting, ...] = ()
    marks: tuple[Mark, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    format: int = FORMAT

    def marks_of(self, rid: RowId) -> list[Mark]:
        return [m for m in self.marks if m.row == rid]

    def marked(self) -> set[RowId]:
        return {m.row for m in self.marks}


def status_of(review: Review | None) -> str:
    """The report's status: «черновик» until someone reviews it."""
    return review.status if review is not None else DRAFT


def is_draft_print(review: Review | None) -> bool:
    """The report's PDF says «ПРОЕКТ»: a review exists and the report is not accepted."""
    return review is not None and review.status != ACCEPTED


# ---------------------------------------------------------------- what a mark saw

# The entered fields remembered per section; the identity fields are left out
# (if they change, the row is another row), and so is an indicator's Доклад
# paragraph, which is a row of its own (NarrativeId).
SEEN_FIELDS = {
    "tasks": ("title",),
    "indicators": ("unit", "prev", "prev_note", "plan", "fact", "fact_note", "better",
                   "justification", "formula"),
    "activities": ("title", "task"),
    "expenses": ("plan_year", "plan_period", "cash", "justification"),
    "amendments": ("summary",),
    "program": ("code", "title", "municipality", "goal"),
    "signature": ("position", "name", "executor"),
}


def _present(value) -> bool:
    return value is not None and value != ""


def entered(report: Report, rid: RowId) -> dict | None:
    """The row's entered values as a mark remembers them, or ``None`` if the row is gone."""
    place = identity.find(report, rid)
    if place is None:
        return None
    section, index = place
    if isinstance(rid, identity.NarrativeId):
        if rid.part in identity.NARRATIVE_PARTS:
            text = getattr(report.narrative, rid.part)
            return {rid.part: text} if text else {}
        text = report.indicators[index].comment
        return {"comment": text} if text else {}
    if section == "report":
        return {}
    row = getattr(report, section) if index is None else getattr(report, section)[index]
    return {name: getattr(row, name) for name in SEEN_FIELDS.get(section, ())
            if _present(getattr(row, name))}


class Change(Struct, frozen=True):
    field: str
    old: object
    new: object


def changes(mark: Mark, report: Report) -> list[Change] | None:
    """What changed in the row since the mark saw it; ``None`` when the row is gone."""
    now = entered(report, mark.row)
    if now is None:
        return None
    out = []
    for name in dict.fromkeys([*mark.seen, *now]):
        old, new = mark.seen.get(name), now.get(name)
        if (old if _present(old) else None) != (new if _present(new) else None):
            out.append(Change(name, old, new))
    return out


FIELD_NAMES = wording.SEEN_FIELD_NAMES
_CLIP = 40


def value_words(value) -> str:
    if not _present(value):
        return "—"
    if isinstance(value, bool):
        return wording.YES if value else wording.NO
    if isinstance(value, (Decimal, int)):
        return format_decimal(Decimal(value))
    if isinstance(value, _dt.date):
        return value.strftime("%d.%m.%Y")
    text = " ".join(str(value).split())
    if value in ("higher", "lower"):
        return wording.BETTER_SHORT[value]
    return f"«{text if len(text) <= _CLIP else text[:_CLIP - 1].rstrip() + '…'}»"


def change_words(change_list: list[Change]) -> str:
    """``факт 91,2 → 95; обоснование «…» → «…»``."""
    return "; ".join(f"{FIELD_NAMES.get(c.field, c.field)} {value_words(c.old)} → "
                     f"{value_words(c.new)}" for c in change_list)


ORPHANED = wording.MARK_ORPHANED
CHANGED = wording.MARK_CHANGED


def mark_state(mark: Mark, report: Report) -> str:
    """«» (as seen), «изменено после замечания: факт 91,2 → 95», or «строки больше нет…»."""
    found = changes(mark, report)
    if found is None:
        return ORPHANED
    return f"{CHANGED}: {change_words(found)}" if found else ""


def is_orphaned(mark_or_assignment, report: Report) -> bool:
    return identity.find(report, mark_or_assignment.row) is None


# ---------------------------------------------------------------- changing a review

def new_review(report_name: str) -> Review:
    return Review(report_name)


def set_mark(review: Review, mark: Mark) -> Review:
    """Add ``mark``, or replace the latest mark of its row (keeping what that one saw and when)."""
    marks = list(review.marks)
    for i in range(len(marks) - 1, -1, -1):
        if marks[i].row == mark.row:
            marks[i] = replace(marks[i], status=mark.status, comment=mark.comment,
                               author=mark.author or marks[i].author)
            break
    else:
        marks.append(mark)
    status = REVIEWING if review.status == DRAFT else review.status
    return replace(review, marks=tuple(marks), status=status)


def remove_mark(review: Review, index: int) -> Review:
    marks = list(review.marks)
    del marks[index]
    return replace(review, marks=tuple(marks))


def add_assignment(review: Review, assignment: Assignment) -> Review:
    return replace(review, assignments=review.assignments + (assignment,))


def set_assignment(review: Review, index: int, assignment: Assignment) -> Review:
    items = list(review.assignments)
    items[index] = assignment
    return replace(review, assignments=tuple(items))


def _what(item: Assignment) -> tuple:
    return (item.row, item.text, item.responsible, item.due)


def toggle_assignment(review: Review, shown: Assignment) -> Review:
    """``shown`` (an assignment as the officer saw it) done, or not done again.  Found by what
    it is, not by its place in the file: read again before a change, the file may hold a
    colleague's assignments before it, or fewer.  (Of two alike, the one in ``shown``'s state.)"""
    alike = [i for i, item in enumerate(review.assignments) if _what(item) == _what(shown)]
    if not alike:
        raise EditError(wording.ASSIGNMENT_GONE)
    index = next((i for i in alike if review.assignments[i].done == shown.done), alike[0])
    return set_assignment(review, index, replace(review.assignments[index], done=not shown.done))


def set_meeting(review: Review, meeting: Meeting) -> Review:
    """New meeting details; the decision on the report sets the report's status."""
    status = review.status
    if meeting.decision == ACCEPT:
        status = ACCEPTED
    elif meeting.decision == RETURN:
        status = REWORK
    elif review.meeting.decision and not meeting.decision:
        status = REVIEWING
    return replace(review, meeting=meeting, status=status)


def start_meeting(review: Review) -> Review:
    """A new meeting: the current one's details move to the history; marks and assignments stay."""
    history = review.history + ((review.meeting,) if not review.meeting.empty else ())
    return replace(review, meeting=Meeting(), history=history, status=REVIEWING)


# ---------------------------------------------------------------- open and overdue

class Reminder(Struct, frozen=True):
    """Something a meeting left open: a mark not yet accepted, an assignment not done."""

    kind: str            # "mark" or "assignment"
    text: str            # Russian, one line
    line: int
    overdue: bool = False
    orphaned: bool = False


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def reminders(review: Review, report: Report | None, today: _dt.date) -> list[Reminder]:
    """Open marks and assignments, overdue assignments flagged, against ``today``."""
    out = []
    for mark in review.marks:
        orphaned = report is not None and is_orphaned(mark, report)
        state = mark_state(mark, report) if report is not None else ""
        if mark.status == ACCEPTED_MARK and not orphaned:
            continue
        text = wording.open_mark(mark.status, identity.describe(mark.row),
                                 _short(mark.comment) if mark.comment else "", state)
        out.append(Reminder("mark", text, mark.line, orphaned=orphaned))
    for item in review.assignments:
        if item.done:
            continue
        late = item.overdue(today)
        text = wording.open_assignment(late, item.due.strftime("%d.%m.%Y") if item.due else None,
                                       item.responsible, _short(item.text),
                                       identity.describe(item.row) if item.row != identity.REPORT else "")
        out.append(Reminder("assignment", text, item.line, overdue=late,
                            orphaned=report is not None and is_orphaned(item, report)))
    return out


def reminder_findings(review: Review, report: Report | None, today: _dt.date) -> list[Finding]:
    """Reminders as findings: ``W-OVERDUE`` for an overdue assignment, ``N-OPEN`` for the rest."""
    return [Finding("W-OVERDUE" if r.overdue else "N-OPEN", r.text, r.line or 1, 1)
            for r in reminders(review, report, today)]


def review_findings(review: Review, computed_rating: str | None) -> list[Finding]:
    """What is wrong with a review against its report: an accepted rating without a reason."""
    meeting = review.meeting
    if meeting.rating and computed_rating and meeting.rating != computed_rating \
            and not meeting.rating_reason.strip():
        return [Finding("W-RATING", wording.rating_differs(meeting.rating, computed_rating), 1, 1)]
    return []


# ---------------------------------------------------------------- reading the file

class ParsedReview(Struct, frozen=True):
    review: Review | None           # None when the text is not TOML at all
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)


_TYPES = {str: "str", int: "int", Decimal: "Decimal", bool: "bool", list: "list", dict: "dict",
          _dt.date: "date", _dt.datetime: "datetime", _dt.time: "time"}

_TOP = ("format", "report", "status", "meeting", "history", "marks", "assignments")
_MEETING = ("number", "date", "chair", "secretary", "participants", "rating", "rating_reason",
            "decision", "program_decision")
_MARK = ("row", "status", "comment", "author", "made", "seen")
_ASSIGNMENT = ("row", "text", "responsible", "due", "done")
_ROW_KEYS = {cls.__struct_config__.tag: cls.__struct_fields__
             for cls in RowId.__args__}  # type: ignore[attr-defined]
_SECTION_OF_TAG = {"task": "tasks", "indicator": "indicators", "activity": "activities",
                   "expense": "expenses", "amendment": "amendments"}


def _type_word(value) -> str:
    key = _TYPES.get(type(value))
    return wording.TYPE_NAMES[key] if key else type(value).__name__


def _quote(words) -> str:
    return ", ".join(f"«{w}»" for w in words)


class _Reader:
    def __init__(self, locator: Locator):
        self.loc = locator
        self.findings: list[Finding] = []

    def error(self, message: str, *path) -> None:
        line, column = self.loc.find(*path)
        self.findings.append(Finding("E-SCHEMA", message, line, column))

    def line(self, *path) -> int:
        return self.loc.line(*path)

    def table(self, raw, keys, where: str, path: tuple) -> dict | None:
        if not isinstance(raw, dict):
            self.error(wording.review_table_expected(where, _type_word(raw)), *path)
            return None
        for key in raw:
            if key not in keys:
                self.error(wording.review_unknown_key(key, where, _quote(keys)),
                           *path, key)
        return {k: v for k, v in raw.items() if k in keys}

    def text(self, data: dict, key: str, path: tuple, required: bool = False) -> str | None:
        if key not in data:
            if required:
                self.error(wording.missing_top_key(key), *path)
                return None
            return ""
        value = data[key]
        if not isinstance(value, str):
            self.error(wording.review_string_expected(key, _type_word(value)), *path, key)
            return None
        return value

    def word(self, data: dict, key: str, allowed, path: tuple, required: bool = False) -> str | None:
        value = self.text(data, key, path, required)
        if value and value not in allowed:
            self.error(wording.not_in_list(key, value, _quote(allowed)), *path, key)
            return None
        return value

    def date(self, data: dict, key: str, path: tuple) -> _dt.date | None | bool:
        """The date, ``None`` if absent, ``False`` if wrong (reported)."""
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            self.error(wording.review_date_expected(key, _type_word(value)), *path, key)
            return False
        return value

    def meeting(self, raw, where: str, path: tuple) -> Meeting | None:
        data = self.table(raw, _MEETING, where, path)
        if data is None:
            return None
        values = {}
        for key in ("number", "chair", "secretary", "rating_reason"):
            value = self.text(data, key, path)
            if value is not None:
                values[key] = value
        for key, allowed in (("rating", RATINGS), ("decision", DECISIONS),
                             ("program_decision", PROGRAM_DECISIONS)):
            value = self.word(data, key, allowed, path)
            if value is not None:
                values[key] = value
        when = self.date(data, "date", path)
        if when:
            values["date"] = when
        people = data.get("participants", [])
        if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
            self.error(wording.PARTICIPANTS_EXPECTED,
                       *path, "participants")
        else:
            values["participants"] = tuple(people)
        return Meeting(**values)

    def row(self, data: dict, path: tuple) -> RowId | None:
        if "row" not in data:
            self.error(wording.ROW_KEY_MISSING, *path)
            return None
        raw = data["row"]
        where = path + ("row",)
        if not isinstance(raw, dict):
            self.error(wording.row_table_expected(_type_word(raw)), *where)
            return None
        tag = raw.get("section")
        if tag not in _ROW_KEYS:
            self.error(wording.row_section_unknown(tag, _quote(_ROW_KEYS)), *where)
            return None
        keys = _ROW_KEYS[tag]
        extra = [k for k in raw if k != "section" and k not in keys]
        if extra:
            self.error(wording.row_unknown_key(extra[0], tag, _quote(keys)), *where)
            return None
        try:
            return identity.from_table(raw)
        except ValueError:
            need = _quote(keys)
            self.error(wording.row_keys_needed(tag, need), *where)
            return None

    def seen(self, data: dict, rid: RowId, path: tuple) -> dict:
        raw = data.get("seen", {})
        where = path + ("seen",)
        if not isinstance(raw, dict):
            self.error(wording.seen_table_expected(_type_word(raw)), *where)
            return {}
        if isinstance(rid, identity.NarrativeId):
            allowed = (rid.part,)
        else:
            allowed = SEEN_FIELDS.get(identity.section_of(rid), ())
        out = {}
        for key, value in raw.items():
            if key not in allowed:
                self.error(wording.seen_field_not_kept(key, _quote(allowed) if allowed else ""), *where)
            elif isinstance(value, (dict, list, _dt.time)) or isinstance(value, _dt.datetime):
                self.error(wording.seen_value_kind(key, _type_word(value)), *where)
            elif isinstance(value, Decimal) and (problem := out_of_range(value)):
                self.error(f"«seen.{key}»: {problem}", *where)
            else:
                out[key] = Decimal(value) if isinstance(value, int) and not isinstance(value, bool) \
                    and key != "task" else value
        return out

    def mark(self, raw, path: tuple) -> Mark | None:
        data = self.table(raw, _MARK, "[[marks]]", path)
        if data is None:
            return None
        rid = self.row(data, path)
        status = self.word(data, "status", MARK_STATUSES, path, required=True)
        comment = self.text(data, "comment", path)
        author = self.text(data, "author", path)
        made = data.get("made")
        if made is not None and not isinstance(made, _dt.datetime):
            self.error(wording.made_expected(_type_word(made)), *path, "made")
            made = None
        if isinstance(made, _dt.datetime) and made.tzinfo is not None:
            made = made.replace(tzinfo=None)
        if rid is None or status is None or comment is None or author is None:
            return None
        return Mark(rid, status, comment, author, made, self.seen(data, rid, path),
                    self.line(*path))

    def assignment(self, raw, path: tuple) -> Assignment | None:
        data = self.table(raw, _ASSIGNMENT, "[[assignments]]", path)
        if data is None:
            return None
        rid = self.row(data, path)
        text = self.text(data, "text", path, required=True)
        responsible = self.text(data, "responsible", path)
        due = self.date(data, "due", path)
        done = data.get("done", False)
        if not isinstance(done, bool):
            self.error(wording.done_expected(_type_word(done)), *path, "done")
            return None
        if rid is None or text is None or responsible is None or due is False:
            return None
        return Assignment(rid, text, responsible, due, done, self.line(*path))


def parse_review(text: str, report_name: str = "") -> ParsedReview:
    """A review text as a ``Review`` and its findings; bad entries are reported and left out."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        from kedr_tui.core.schema import syntax_finding

        return ParsedReview(None, (syntax_finding(exc, text),))
    reader = _Reader(Locator(text))
    for key in data:
        if key not in _TOP:
            reader.error(wording.review_unknown_top_key(key, _quote(_TOP)), key)
    fmt = data.get("format")
    if fmt != FORMAT:
        reader.error(wording.review_format_unsupported(fmt, FORMAT)
                     if "format" in data else wording.review_format_missing(FORMAT),
                     "format")
        if "format" in data:
            return ParsedReview(None, tuple(reader.findings))
    name = reader.text(data, "report", ("report",)) or report_name
    if report_name and name != report_name:
        reader.error(wording.review_of_other_report(name, report_name),
                     "report")
    status = reader.word(data, "status", STATUSES, ("status",)) or REVIEWING
    meeting = Meeting()
    if "meeting" in data:
        meeting = reader.meeting(data["meeting"], "[meeting]", ("meeting",)) or Meeting()
    history, marks, assignments = [], [], []
    for key, build in (("history", None), ("marks", reader.mark), ("assignments", reader.assignment)):
        raw = data.get(key, [])
        if not isinstance(raw, list):
            reader.error(wording.array_of_tables_expected(key, _type_word(raw)), key)
            continue
        items = []
        for i, item in enumerate(raw):
            made = (reader.meeting(item, "[[history]]", (key, i)) if build is None
                    else build(item, (key, i)))
            if made is not None:
                items.append(made)
        if key == "history":
            history = items
        elif key == "marks":
            marks = items
        else:
            assignments = items
    review = Review(name, status, meeting, tuple(history), tuple(marks), tuple(assignments))
    findings = sorted(reader.findings, key=lambda f: (f.line, f.column))
    return ParsedReview(review, tuple(findings))


def new_mark(report: Report, rid: RowId, status: str, comment: str, author: str,
             made: _dt.datetime) -> Mark:
    """A mark on a row of ``report``, remembering the row's entered values as they are now."""
    if status not in MARK_STATUSES:
        raise EditError(wording.mark_status_unknown(status, _quote(MARK_STATUSES)))
    return Mark(rid, status, comment, author, made.replace(microsecond=0, tzinfo=None),
                entered(report, rid) or {})
