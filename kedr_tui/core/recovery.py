"""Replaying a journal of edits and saying, in Russian, what it would change.

Pure: the store reads the journal file, this module turns its entries into a
state (``replay``) and into lines a person can judge (``describe``).
Entries are the dicts the journal holds: ``{"op": "apply"|"undo"|"redo",
"edit": <edits.to_json>}``; other ops (``save``) carry no change.
"""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from kedr_tui.core.errors import KedrError, ReportError
from kedr_tui.core.edits import Batch, DeleteRow, EditError, InsertRow, MoveRow, SetField, from_json
from kedr_tui.core.fields import FIELDS
from kedr_tui.core.history import History
from kedr_tui.core.model import Report
from kedr_tui.core.store import read_report
from kedr_tui.core.store.journal import JournalDamaged, JournalInfo, inspect_journal, sha_of_file
from kedr_tui.core import wording

EDIT_OPS = ("apply", "undo", "redo")

SECTIONS = wording.SECTIONS

_CLIP = 48


class ReplayError(KedrError, ValueError):
    """A journal whose entries do not apply to the report (damaged or for another version)."""


def replay(history: History, entries) -> History:
    """Apply the journal's edits, undos and redos to ``history``, exactly as they were made.

    An undo or redo of an edit made before the journal began (before the last
    save) is replayed as the edit's inverse or the edit itself.
    """
    for number, entry in enumerate(entries, start=1):
        op = entry.get("op")
        if op not in EDIT_OPS:
            continue
        try:
            edit = from_json(entry["edit"])
            if op == "apply":
                history.push(edit)
            elif op == "undo":
                if history.done and history.done[-1] == edit:
                    history.undo()
                else:
                    history.push(edit.inverse())
            elif history.undone and history.undone[-1] == edit:
                history.redo()
            else:
                history.push(edit)
        except (EditError, KeyError, TypeError, ValueError, IndexError, ArithmeticError,
                RecursionError) as exc:
            raise ReplayError(wording.journal_entry_fails(number, exc)) from None
    return history


# ---------------------------------------------------------------- describing

def _clip(text: str) -> str:
    text = text.replace("\n", " ⏎ ").strip()
    return text if len(text) <= _CLIP else text[: _CLIP - 1].rstrip() + "…"


def value_text(section: str, field: str, value) -> str:
    entry = FIELDS.get((section, field))
    if entry is None:  # a journal of another version: say what it holds
        return str(value) if value is not None else "—"
    return entry.shown(value, _clip)


def row_title(section: str, row) -> str:
    """A row as a person recognises it: its name, code or act."""
    if section == "expenses":
        text = f"{row.code} · {row.executor}"
    elif section == "amendments":
        text = f"{row.act} № {row.number}".strip()
    elif section == "activities":
        text = f"{row.code} {row.title}".strip()
    else:
        text = getattr(row, "name", None) or getattr(row, "title", "") or ""
    return f"«{_clip(text)}»" if text else ""


def _where(report: Report, section: str, index: int | None) -> str:
    name = SECTIONS.get(section, section)
    if index is None:
        return name
    rows = getattr(report, section, ())
    title = row_title(section, rows[index]) if 0 <= index < len(rows) else ""
    return wording.row_at(name, index + 1, title)


def _field_name(section: str, field: str) -> str:
    entry = FIELDS.get((section, field))
    return entry.noun if entry else field


def _flatten(edits) -> list:
    flat = []
    for edit in edits:
        flat.extend(_flatten(edit.edits) if isinstance(edit, Batch) else [edit])
    return flat


def _net(base: Report, edits: list, final: Report) -> list:
    """``edits`` without the rows added and deleted again: the insert, the delete and every
    setting or move of such a row between them are left out, and the other edits' row
    places are those of a report that never had it (so «стр. N» is the row's place in what
    is recovered).  Rows are followed by what they are (a row of the file, or the row an
    insert added), not by their changing place.  If the result would not make ``final``
    (it always should), the edits as made are kept."""
    gone = _follow(base, edits, set())[1]
    if not gone:
        return edits
    net = _follow(base, edits, gone)[0]
    report = base
    try:
        for edit in net:
            report = edit.apply(report)
    except (EditError, IndexError, ValueError):
        return edits
    return net if report == final else edits


def _follow(base: Report, edits: list, gone: set[int]) -> tuple[list, set[int]]:
    """(the edits not in ``gone``, placed as if the rows ``gone`` adds never were; the
    places in ``edits`` of the edits on rows added and deleted again)."""
    rows: dict[str, list] = {}
    touching: dict[int, list[int]] = {}     # an added row (its insert's place) -> its edits
    found: set[int] = set()
    kept: list = []

    def place(at: list, index: int) -> int:
        return index - sum(1 for label in at[:index] if label in gone)

    for number, edit in enumerate(edits):
        index = getattr(edit, "index", None)
        if index is None:
            kept.append(edit)
            continue
        at = rows.get(edit.section)
        if at is None:      # a row of the file is named by its place in the file, a str
            at = rows[edit.section] = [f"file{i}" for i in range(len(getattr(base, edit.section)))]
        if isinstance(edit, InsertRow):
            if number not in gone:
                kept.append(replace(edit, index=place(at, index)))
            at.insert(index, number)
            touching[number] = [number]
            continue
        label = at[index]
        if isinstance(label, int):
            touching[label].append(number)
        if number not in gone:
            if isinstance(edit, MoveRow):
                rest = at[:index] + at[index + 1:]
                kept.append(replace(edit, index=place(at, index), to=place(rest, edit.to)))
            else:
                kept.append(replace(edit, index=place(at, index)))
        if isinstance(edit, DeleteRow):
            del at[index]
            if isinstance(label, int):
                found.update(touching.pop(label))
        elif isinstance(edit, MoveRow):
            at.insert(edit.to, at.pop(index))
    return kept, found


def _merged(edits) -> list:
    """Collapse consecutive settings of one field into one old → new; drop no-ops."""
    out: list = []
    for edit in edits:
        last = out[-1] if out else None
        if (isinstance(edit, SetField) and isinstance(last, SetField)
                and (last.section, last.index, last.field) == (edit.section, edit.index, edit.field)):
            out[-1] = SetField(edit.section, edit.index, edit.field, last.old, edit.new)
        else:
            out.append(edit)
    return [e for e in out if not (isinstance(e, SetField) and e.old == e.new)]


def describe(base: Report, entries) -> list[str]:
    """What replaying ``entries`` on ``base`` changes: one Russian line per field or row.

    Net, as the file would be changed: a row added and deleted again (and what was done to
    it between) is no line at all, and edits that leave the report as it was are none (the
    journal is then dropped as obsolete, like one whose edits were undone)."""
    history = replay(History(base), entries)
    if history.report == base:
        return []
    lines = []
    report = base
    for edit in _net(base, _merged(_flatten(history.done)), history.report):
        lines.append(describe_edit(report, edit))
        report = edit.apply(report)
    return lines


def describe_edit(report: Report, edit) -> str:
    """One edit, named against the report it applies to."""
    if isinstance(edit, SetField):
        old, new = (value_text(edit.section, edit.field, v) for v in (edit.old, edit.new))
        name = _field_name(edit.section, edit.field)
        return f"{_where(report, edit.section, edit.index)}: {name} {old} → {new}"
    name = SECTIONS.get(edit.section, edit.section)
    if isinstance(edit, InsertRow):
        title = row_title(edit.section, edit.row)
        return wording.row_added(name, edit.index + 1, title)
    if isinstance(edit, DeleteRow):
        title = row_title(edit.section, edit.row)
        return wording.row_deleted(name, edit.index + 1, title)
    if isinstance(edit, MoveRow):
        return wording.row_moved(_where(report, edit.section, edit.index), edit.to + 1)
    return str(edit)  # pragma: no cover - every edit type is handled above


# ---------------------------------------------------------------- the journal beside a report

def find_journal(report: Path, loaded=None) -> JournalInfo | None:
    """The journal beside ``report``, if any, with its status and the changes it would make.

    The store reads the journal and says whose and for which version it is; what its
    edits would change is worked out here, above the store.

    ``loaded`` (the file as it is now: a ``ReportFile`` or a ``Loaded``) saves reading it again.
    """
    report = Path(report)

    def sha_now() -> str | None:
        nonlocal loaded
        if loaded is None:
            try:
                loaded = read_report(report)    # the model is enough: no analysis
            except ReportError:
                loaded = None
        return loaded.stamp.sha256 if loaded is not None else sha_of_file(report)

    def changes(entries: list[dict]) -> tuple[str, ...]:
        if loaded is None or loaded.report is None:
            raise JournalDamaged(wording.JOURNAL_NOTHING_TO_APPLY)
        try:
            return tuple(describe(loaded.report, entries))
        except ReplayError as exc:
            raise JournalDamaged(wording.journal_damaged(exc)) from None

    return inspect_journal(report, sha_now, changes)
