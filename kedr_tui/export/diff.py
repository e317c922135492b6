"""A ``Diff`` as text for people (Russian numbers, ``+ − ~``) and as JSON for programs.

Every string from the reports passes ``visible`` on its way out, so a name holding
an escape sequence shows it instead of acting on the terminal.  Colour is an
option of the caller (the CLI decides: a terminal, and ``NO_COLOR`` unset).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
from decimal import Decimal

from kedr_tui.core.diff import (ADDED, CHANGED, MONEY, PERCENT, RATIO, REMOVED, SAME, Diff, Entry,
                                FieldChange, NodeChange, field_label, figure_line, node_name, value_text)
from kedr_tui.core.identity import describe, to_table
from kedr_tui.core.numbers import plain
from kedr_tui.core.safe_text import json_safe, visible, visible_text
from kedr_tui.export import wording as xw

MARKS = {ADDED: "+", REMOVED: "−", CHANGED: "~", SAME: "="}
CHECK_MARK = "!"
DERIVED = "⇒"

GROUP_TITLES = {
    "program": xw.GROUP_PROGRAM,
    "indicators": xw.GROUP_INDICATORS,
    "expenses": xw.GROUP_EXPENSES,
    "amendments": xw.GROUP_AMENDMENTS,
    "narrative": xw.GROUP_NARRATIVE,
}

# Fields that make up a row's identity: named in its heading, not repeated below it.
IDENTITY_FIELDS = {"indicators": {"task", "name"}, "activities": {"code"},
                   "expenses": {"code", "executor"}, "amendments": {"act", "date", "number"}}
LONG = 70                 # a text longer than this is shown before/after on lines of its own

_COLOURS = {"+": "32", "−": "31", "~": "33", "=": "2", CHECK_MARK: "1;35", DERIVED: "36",
            "head": "1"}


def _figure_plain(name: str, value: object):
    if value is None or isinstance(value, str):
        return value
    if name in MONEY or name in PERCENT:
        return plain(value, 2)
    if name in RATIO:
        return plain(value, 4)
    return plain(value)


def _value_plain(value: object):
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------- text

class _Out:
    def __init__(self, colour: bool):
        self.lines: list[str] = []
        self.colour = colour

    def add(self, text: str, mark: str | None = None) -> None:
        if self.colour and mark in _COLOURS:
            text = f"\x1b[{_COLOURS[mark]}m{text}\x1b[0m"
        self.lines.append(text)


def _is_long(value: object) -> bool:
    return isinstance(value, str) and ("\n" in value.strip() or len(value) > LONG)


def _text_lines(value: object) -> list[str]:
    return visible_text(value.strip("\n")).split("\n") if isinstance(value, str) and value else []


def _field_lines(out: _Out, entry: Entry, change: FieldChange, cross_years: tuple[int, int] | None) -> None:
    label = field_label(entry.section, change.field)
    pad = "    "
    if change.check:
        old_year, new_year = cross_years or (0, 0)
        what = xw.cross_year_fact(old_year, new_year)
        if change.changed:
            out.add(f"  {CHECK_MARK} {what}: {value_text('fact', change.old)} ≠ "
                    f"{value_text('prev', change.new)}", CHECK_MARK)
        else:
            out.add(xw.cross_year_same(pad, what, value_text('fact', change.old)))
        return
    if entry.op in (ADDED, REMOVED):
        value = change.new if entry.op == ADDED else change.old
        if _is_long(value):
            out.add(f"{pad}{label}:")
            for line in _text_lines(value):
                out.add(f"{pad}  {line}")
        else:
            out.add(f"{pad}{label}: {value_text(change.field, value)}")
        return
    if _is_long(change.old) or _is_long(change.new):
        out.add(f"{pad}{label}:")
        old_lines, new_lines = _text_lines(change.old), _text_lines(change.new)
        for line in difflib.ndiff(old_lines, new_lines):
            if line.startswith("- "):
                out.add(f"{pad}  − {line[2:]}", "−")
            elif line.startswith("+ "):
                out.add(f"{pad}  + {line[2:]}", "+")
        return
    out.add(f"{pad}{label}: {value_text(change.field, change.old)} → "
            f"{value_text(change.field, change.new)}")


def _entry(out: _Out, entry: Entry, cross_years: tuple[int, int] | None) -> None:
    mark = MARKS[entry.op]
    out.add(f"{mark} {visible(describe(entry.row))}", mark)
    if cross_years and entry.section == "indicators" and entry.op in (CHANGED, SAME):
        _side_by_side(out, entry, cross_years)
        return
    skip = IDENTITY_FIELDS.get(entry.section, set()) if entry.op in (ADDED, REMOVED) else set()
    for change in entry.fields:
        if change.field not in skip:
            _field_lines(out, entry, change, cross_years)
    for figure in entry.figures:
        out.add(f"    {DERIVED} {figure_line(figure)}", DERIVED)


def _side_by_side(out: _Out, entry: Entry, years: tuple[int, int]) -> None:
    """An indicator of both years on two lines: plan, fact (and what else changed), the figures."""
    parts, checks = [], []
    for change in entry.fields:
        if change.check:
            checks.append(change)
        else:
            parts.append(f"{field_label(entry.section, change.field)}: "
                         f"{value_text(change.field, change.old)} → {value_text(change.field, change.new)}")
    for change in checks:
        if not change.changed:
            parts.append(xw.fact_equals_prev(years[0], years[1], value_text('fact', change.old)))
    out.add("    " + " · ".join(parts))
    for change in checks:
        if change.changed:
            _field_lines(out, entry, change, years)
    if entry.figures:
        out.add(f"    {DERIVED} " + " · ".join(figure_line(f) for f in entry.figures), DERIVED)


def _totals(out: _Out, totals: tuple[NodeChange, ...]) -> None:
    out.add(xw.TOTALS_CHANGED)
    for node in totals:
        out.add(f"    {DERIVED} {node_name(node)}:", DERIVED)
        for figure in node.figures:
            out.add(f"        {figure_line(figure)}", DERIVED)


def header(diff: Diff, old_name: str, new_name: str) -> list[str]:
    lines = [f"--- {visible(old_name)} ({diff.old_year})",
             f"+++ {visible(new_name)} ({diff.new_year})"]
    if diff.cross_year:
        lines.append(xw.cross_year_header(diff.old_year, diff.new_year))
    return lines


def as_text(diff: Diff, old_name: str, new_name: str, colour: bool = False) -> str:
    """The listing, or ``""`` when there is no difference."""
    if diff.empty:
        return ""
    out = _Out(colour)
    for line in header(diff, old_name, new_name):
        out.add(line, "head")
    years = (diff.old_year, diff.new_year) if diff.cross_year else None
    for group in diff.groups:
        if not group.entries and not group.totals:
            continue
        out.add("")
        out.add(GROUP_TITLES[group.name], "head")
        for entry in group.entries:
            _entry(out, entry, years)
        if group.totals:
            _totals(out, group.totals)
    if diff.evaluation:
        out.add("")
        out.add(xw.EVALUATION, "head")
        for figure in diff.evaluation:
            out.add(f"    {DERIVED} {figure_line(figure)}", DERIVED)
    return "\n".join(out.lines) + "\n"


# ---------------------------------------------------------------- JSON

def _figures(figures) -> list[dict]:
    return [{"figure": f.name, "old": _figure_plain(f.name, f.old), "new": _figure_plain(f.name, f.new)}
            for f in figures]


def as_dict(diff: Diff, old_name: str, new_name: str) -> dict:
    groups = []
    for group in diff.groups:
        entries = []
        for entry in group.entries:
            fields = []
            for change in entry.fields:
                item = {"field": change.field, "old": _value_plain(change.old),
                        "new": _value_plain(change.new)}
                if change.check:
                    item["check"] = "prev"
                    item["match"] = not change.changed
                fields.append(item)
            entries.append({"op": entry.op, "row": _json_row(entry.row), "section": entry.section,
                            "what": describe(entry.row), "old_index": entry.old_index,
                            "new_index": entry.new_index, "fields": fields,
                            "figures": _figures(entry.figures)})
        groups.append({"group": group.name, "title": GROUP_TITLES[group.name], "entries": entries,
                       "totals": [{"code": n.code, "kind": n.kind, "title": n.title,
                                   "figures": _figures(n.figures)} for n in group.totals]})
    return {"old": {"name": old_name, "year": diff.old_year},
            "new": {"name": new_name, "year": diff.new_year},
            "cross_year": diff.cross_year, "different": not diff.empty,
            "groups": groups, "evaluation": _figures(diff.evaluation)}


def _json_row(rid) -> dict:
    return {key: (value.isoformat() if isinstance(value, _dt.date) else value)
            for key, value in to_table(rid).items()}


def as_json(diff: Diff, old_name: str, new_name: str) -> str:
    text = json.dumps(as_dict(diff, old_name, new_name), ensure_ascii=False, indent=2)
    return json_safe(text) + "\n"


def entry_lines(diff: Diff, n: int) -> list[str]:
    """The ``n``-th item of the listing as ``as_text`` prints it, in the order of the app's
    «Сравнение» tab: each group's entries, then its totals one node each, then the evaluation."""
    years = (diff.old_year, diff.new_year) if diff.cross_year else None
    k = 0
    for group in diff.groups:
        for entry in group.entries:
            if k == n:
                out = _Out(False)
                _entry(out, entry, years)
                return out.lines
            k += 1
        for node in group.totals:
            if k == n:
                return [xw.node_total(node_name(node))] + [f"    {figure_line(f)}" for f in node.figures]
            k += 1
    return [xw.EVALUATION_LINE] + [f"    {figure_line(f)}" for f in diff.evaluation]
