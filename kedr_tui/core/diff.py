"""What changed between two versions of a report, and what that did to the figures.

Pure (no Textual, no I/O): two Reports in, a ``Diff`` out; ``export/diff.py``
makes text and JSON of it and the app marks cells with it (SPEC «Diff»).

Rows are matched by their identity (``core/identity.py``), never by position:
an entry is a row added, removed or changed (each field old -> new).  Values
are compared as values (``90`` and ``90.00`` are one Decimal), and comments and
key order never reach the model, so they are no difference.  Moving a row is
no difference either: what a row is does not depend on where it stands.

Under the entries come the derived figures that moved, all from
``core/derive.py``: each changed indicator's deviations, growth and degree of
achievement; the totals and percentages of every Form 2 node (activity, main
activity, programme) whose totals moved; the evaluation and the rating.

Two reports of different years are compared as a year against the next
(``cross_year``): indicators matched by task and name with plan and fact of
both years side by side, what the programme added and dropped, and the older
year's fact against the newer year's ``prev``.  Amendments and the Доклад belong
to one year each and are not compared across years.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from msgspec import Struct

from kedr_tui.core import identity
from kedr_tui.core.derive import Derived, Node, derive
from kedr_tui.core.fields import FIELDS
from kedr_tui.core.identity import NarrativeId, RowId, TableId
from kedr_tui.core.model import HIGHER, LOWER, Report, data_fields
from kedr_tui.core import wording
from kedr_tui.core.numbers import DASH, fmt_date, fmt_money, fmt_pct, fmt_ratio, fmt_value
from kedr_tui.core.safe_text import visible, visible_text

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"

# The groups of the listing, in the order the printed report has them.
GROUPS = ("program", "indicators", "expenses", "amendments", "narrative")

INDICATOR_FIGURES = ("abs_deviation", "rel_deviation", "growth", "achievement")
NODE_FIGURES = ("plan_year", "plan_period", "cash", "pct_year", "pct_period")
EVALUATION_FIGURES = ("sr", "ss", "srm", "eis", "er", "rating")

# Across years only what is comparable year to year; the rest is that year's own text.
_CROSS_FIELDS = {"tasks": ("title",), "indicators": ("unit", "better"),
                 "activities": ("title", "task"), "expenses": ("plan_year", "plan_period", "cash"),
                 "program": ("code", "title", "municipality", "goal"),
                 "signature": ("position", "name", "executor")}
_ALWAYS = ("plan", "fact")          # indicators across years: side by side even when equal


class FieldChange(Struct, frozen=True):
    """One entered value, old -> new (``None``: absent).  ``check``: across years, the older
    year's fact (``old``) against the newer year's ``prev`` (``new``)."""

    field: str
    old: object
    new: object
    check: bool = False

    @property
    def changed(self) -> bool:
        return _differ(self.old, self.new)


class Figure(Struct, frozen=True):
    """A derived figure that moved: ``name`` is one of the ``*_FIGURES``."""

    name: str
    old: Decimal | str | None
    new: Decimal | str | None


class Entry(Struct, frozen=True):
    """A row added, removed or changed (``same``: matched across years, plan and fact equal)."""

    op: str
    row: RowId
    section: str                       # the model's section: "indicators", "program", ...
    old_index: int | None
    new_index: int | None
    fields: tuple[FieldChange, ...]
    figures: tuple[Figure, ...] = ()

    @property
    def mismatch(self) -> bool:
        """Across years: the newer ``prev`` disagrees with the older year's fact."""
        return any(f.check and f.changed for f in self.fields)


class NodeChange(Struct, frozen=True):
    """A Form 2 node whose «Всего» moved."""

    code: str
    kind: str                          # "program" | "subprogram" | "main" | "activity"
    title: str
    figures: tuple[Figure, ...]


class Group(Struct, frozen=True):
    name: str                          # one of GROUPS
    entries: tuple[Entry, ...]
    totals: tuple[NodeChange, ...] = ()


class Diff(Struct, frozen=True):
    old_year: int
    new_year: int
    groups: tuple[Group, ...]
    evaluation: tuple[Figure, ...]

    @property
    def cross_year(self) -> bool:
        return self.old_year != self.new_year

    @property
    def entries(self) -> list[Entry]:
        return [entry for group in self.groups for entry in group.entries]

    @property
    def empty(self) -> bool:
        return not self.cross_year and not self.evaluation and not any(
            group.entries or group.totals for group in self.groups)


def _differ(a: object, b: object) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return a != b       # Decimals by value: 90 == 90.00


# ---------------------------------------------------------------- matching rows

def _keyed(section: str, rows) -> dict[tuple[RowId, int], int]:
    """(identity, occurrence) -> index: a repeated identity (E-DUP) pairs in order."""
    out: dict[tuple[RowId, int], int] = {}
    seen: dict[RowId, int] = {}
    for i, row in enumerate(rows):
        rid = identity.of_row(section, i, row)
        n = seen.get(rid, 0)
        seen[rid] = n + 1
        out[(rid, n)] = i
    return out


def _pairs(section: str, old_rows, new_rows,
           extra: dict[int, int] | None = None) -> list[tuple[RowId, int | None, int | None]]:
    """(identity, old index, new index) for every row of either version, in reading order:
    the newer version's order, each removed row after the row that stood before it.
    ``extra`` pairs rows whose identities differ (indicators renamed in place)."""
    old_keys, new_keys = _keyed(section, old_rows), _keyed(section, new_rows)
    old_ids = {i: key[0] for key, i in old_keys.items()}
    new_ids = {j: key[0] for key, j in new_keys.items()}
    to_new = {i: new_keys[key] for key, i in old_keys.items() if key in new_keys}
    to_new.update(extra or {})
    to_old = {j: i for i, j in to_new.items()}
    placed: list[tuple[tuple[int, int, int], RowId, int | None, int | None]] = []
    anchor = -1
    for i in range(len(old_rows)):
        if i in to_new:
            anchor = to_new[i]
        else:
            placed.append(((anchor, 1, i), old_ids[i], i, None))
    for j in range(len(new_rows)):
        placed.append(((j, 0, 0), new_ids[j], to_old.get(j), j))
    placed.sort(key=lambda item: item[0])
    return [(rid, i, j) for _key, rid, i, j in placed]


def _fields(section: str, old_row, new_row, cross: bool, skip: tuple[str, ...] = ()) -> list[FieldChange]:
    """The fields of a row that differ; for a row on one side only, every field it holds."""
    one_sided = old_row is None or new_row is None
    if one_sided or not cross:
        names = data_fields(type(old_row if old_row is not None else new_row))
    else:
        names = _CROSS_FIELDS.get(section, ())
    out = []
    for name in names:
        if name in skip:
            continue
        a = getattr(old_row, name) if old_row is not None else None
        b = getattr(new_row, name) if new_row is not None else None
        if one_sided and (b if old_row is None else a) in (None, ""):
            continue            # what the row holds, not its blanks
        if one_sided or _differ(a, b):
            out.append(FieldChange(name, a, b))
    return out


def _moved(names, old_values, new_values) -> tuple[Figure, ...]:
    return tuple(Figure(name, a, b) for name, a, b in zip(names, old_values, new_values)
                 if _differ(a, b))


# ---------------------------------------------------------------- per group

def _list_entries(section: str, old: Report, new: Report, cross: bool,
                  extra: dict[int, int] | None = None, skip: tuple[str, ...] = (),
                  more=None) -> list[Entry]:
    """Entries of a list section; ``more(entry, a, b)`` adds to an entry of a row in both."""
    old_rows, new_rows = getattr(old, section), getattr(new, section)
    out = []
    for rid, i, j in _pairs(section, old_rows, new_rows, extra):
        a = old_rows[i] if i is not None else None
        b = new_rows[j] if j is not None else None
        if a is not None and b is not None and a == b and not cross:
            continue                    # the common case, decided at C speed
        fields = tuple(_fields(section, a, b, cross, skip))
        if a is None or b is None:
            out.append(Entry(ADDED if a is None else REMOVED, rid, section, i, j, fields))
            continue
        entry = Entry(CHANGED, rid, section, i, j, fields)
        if more is not None and (fields or cross):
            entry = more(entry, a, b)
        if entry.fields:
            out.append(entry)
    return out


def _table_entry(section: str, old: Report, new: Report, cross: bool) -> list[Entry]:
    if cross and section not in _CROSS_FIELDS:
        return []
    fields = _fields(section, getattr(old, section), getattr(new, section), cross)
    return [Entry(CHANGED, TableId(section), section, None, None, tuple(fields))] if fields else []


def _indicators(old: Report, new: Report, dold: Derived, dnew: Derived, cross: bool,
                renamed: dict[int, int]) -> list[Entry]:
    achieved_old = dict(dold.evaluation.achievements)
    achieved_new = dict(dnew.evaluation.achievements)

    def figures(derived: Derived, achieved: dict, index: int) -> tuple:
        fig = derived.indicators[index]
        return fig.abs_deviation, fig.rel_deviation, fig.growth, achieved.get(index)

    def more(entry: Entry, a, b) -> Entry:
        fields = entry.fields
        if cross:   # every indicator of both years: plan and fact side by side, and the
            # older year's fact against the newer year's prev
            check = ((FieldChange("prev", a.fact, b.prev, check=True),)
                     if a.fact is not None or b.prev is not None else ())
            fields = (*(FieldChange(n, getattr(a, n), getattr(b, n)) for n in _ALWAYS),
                      *fields, *check)
        op = CHANGED if any(f.changed for f in fields) else SAME
        moved = _moved(INDICATOR_FIGURES, figures(dold, achieved_old, entry.old_index),
                       figures(dnew, achieved_new, entry.new_index))
        return Entry(op, entry.row, entry.section, entry.old_index, entry.new_index, fields, moved)

    return _list_entries("indicators", old, new, cross, renamed, skip=("comment",), more=more)


def _node_values(node: Node | None) -> tuple:
    if node is None:
        return (None,) * len(NODE_FIGURES)
    t = node.total
    return t.plan_year, t.plan_period, t.cash, t.pct_year, t.pct_period


def _totals(dold: Derived, dnew: Derived) -> list[NodeChange]:
    """Every Form 2 node whose «Всего» moved: the newer tree's order, then nodes that are gone."""
    old_nodes, new_nodes = dold.nodes, dnew.nodes
    codes = list(new_nodes) + [code for code in old_nodes if code not in new_nodes]
    out = []
    for code in codes:
        a, b = old_nodes.get(code), new_nodes.get(code)
        figures = _moved(NODE_FIGURES, _node_values(a), _node_values(b))
        if figures:
            node = b or a
            out.append(NodeChange(code, node.kind, node.title, figures))
    return out


def _comments(old: Report, new: Report, renamed: dict[int, int]) -> list[Entry]:
    """Each indicator's paragraph of the Доклад, as a row of its own (``NarrativeId``)."""
    out = []
    for _rid, i, j in _pairs("indicators", old.indicators, new.indicators, renamed):
        a = old.indicators[i].comment if i is not None else ""
        b = new.indicators[j].comment if j is not None else ""
        if a == b:
            continue
        rid = identity.of(new if j is not None else old, "indicators",
                          j if j is not None else i, "comment")
        op = ADDED if i is None else REMOVED if j is None else CHANGED
        out.append(Entry(op, rid, "indicators", i, j, (FieldChange("comment", a or None, b or None),)))
    return out


def _narrative(old: Report, new: Report, renamed: dict[int, int]) -> list[Entry]:
    out = []
    for part in identity.NARRATIVE_PARTS:
        a, b = getattr(old.narrative, part), getattr(new.narrative, part)
        if a != b:
            out.append(Entry(CHANGED, NarrativeId(part), "narrative", None, None,
                             (FieldChange(part, a or None, b or None),)))
    # the intro opens the Доклад, the indicators' paragraphs follow, the outro closes it
    intro = [e for e in out if e.row.part == "intro"]
    outro = [e for e in out if e.row.part == "outro"]
    return intro + _comments(old, new, renamed) + outro


def _evaluation(dold: Derived, dnew: Derived) -> tuple[Figure, ...]:
    a, b = dold.evaluation, dnew.evaluation
    return _moved(EVALUATION_FIGURES, [getattr(a, name) for name in EVALUATION_FIGURES],
                  [getattr(b, name) for name in EVALUATION_FIGURES])


# ---------------------------------------------------------------- the whole

def compare(old: Report, new: Report, dold: Derived | None = None,
            dnew: Derived | None = None) -> Diff:
    """What changed from ``old`` to ``new``; pass their figures if they are at hand."""
    dold = dold or derive(old)
    dnew = dnew or derive(new)
    cross = old.year != new.year
    renamed = identity.renames(old, new)
    groups = [
        Group("program", tuple(_table_entry("program", old, new, cross)
                               + _list_entries("tasks", old, new, cross))),
        Group("indicators", tuple(_indicators(old, new, dold, dnew, cross, renamed))),
        Group("expenses", tuple(_list_entries("activities", old, new, cross)
                                + _list_entries("expenses", old, new, cross)),
              tuple(_totals(dold, dnew))),
    ]
    if not cross:
        groups.append(Group("amendments", tuple(_list_entries("amendments", old, new, cross))))
        groups.append(Group("narrative", tuple(_narrative(old, new, renamed)
                                               + _table_entry("signature", old, new, cross))))
    else:
        groups.append(Group("narrative", tuple(_table_entry("signature", old, new, cross))))
    return Diff(old.year, new.year, tuple(groups), _evaluation(dold, dnew))


# ---------------------------------------------------------------- in words

FIGURE_LABELS = wording.FIGURE_LABELS
NODE_KINDS = wording.NODE_KINDS
MONEY = {"plan_year", "plan_period", "cash"}
PERCENT = {"rel_deviation", "growth", "pct_year", "pct_period"}
RATIO = {"achievement", "sr", "ss", "srm", "eis", "er"}


def field_label(section: str, name: str) -> str:
    """The field's name inside a sentence, from the one catalogue of fields."""
    entry = FIELDS.get((section, name))
    return entry.noun if entry else name


def value_text(name: str, value: object) -> str:
    """An entered value the Russian way; text from the data made visible."""
    if value is None:
        return DASH
    if isinstance(value, Decimal):
        return fmt_money(value) if name in MONEY else fmt_value(value)
    if isinstance(value, _dt.date):
        return fmt_date(value)
    if name == "better":
        return wording.BETTER_WORDS.get(value, visible_text(str(value)))
    if isinstance(value, str):
        return visible_text(value) if value else wording.EMPTY_VALUE
    return visible_text(str(value))


def figure_text(name: str, value: object) -> str:
    """A derived figure as every output shows it: money and % with 2 decimals, ratios with 4."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    if name in MONEY:
        return fmt_money(value)
    if name in PERCENT:
        return fmt_pct(value)
    if name in RATIO:
        return fmt_ratio(value)
    return fmt_value(value)


def figure_line(figure: Figure) -> str:
    """«относительное отклонение, %: 88,89 → 100,00»."""
    return (f"{FIGURE_LABELS.get(figure.name, figure.name)}: {figure_text(figure.name, figure.old)} → "
            f"{figure_text(figure.name, figure.new)}")


def node_name(node: NodeChange) -> str:
    kind = NODE_KINDS.get(node.kind, node.kind)
    return kind if node.kind == "program" else f"{kind} {visible(node.code)}"
