"""The field catalogue (core/fields.py), walked: every field of the format is loaded,
validated, editable, shown in the detail pane and exported.

A field added to the catalogue and forgotten by any of these fails here.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal

import pytest

from kedr_tui.core.analysis import Context, analyse
from kedr_tui.core.edits import editable_fields, set_field
from kedr_tui.core.fields import BETTER, CATALOGUE, DATE, FIELDS, INTEGER, MULTILINE, NUMBER, TEXT
from kedr_tui.core.locate import Locator
from kedr_tui.core.numbers import fmt_money, fmt_value
from kedr_tui.core.model import HIGHER, LISTS, LOWER, SINGLETONS, data_fields
from kedr_tui.core.schema import build, parse
from kedr_tui.core.store import render
from kedr_tui.core.loading import load
from kedr_tui.export.json import render_json
from kedr_tui.export.text import render_text
from kedr_tui.view import fields as F
from kedr_tui.view.columns import TABLES, column_keys, edit_target
from kedr_tui.view.detail import detail_text
from kedr_tui.view.rows import Memo, State, build_rows, marks_of
from tests.conftest import SEED

IDS = [f"{f.section}.{f.name}" for f in CATALOGUE]
INDEX = {"tasks": 1, "indicators": 3, "activities": 6, "expenses": 7, "amendments": 0}


@pytest.fixture(scope="module")
def seed():
    return load(SEED)


def new_value(entry, old):
    """A valid value different from ``old``, of the field's kind."""
    if entry.kind == NUMBER:
        return Decimal("4321.75")
    if entry.kind == INTEGER:
        return 2 if entry.name == "task" and old != 2 else (1 if entry.name == "task" else 2024)
    if entry.kind == DATE:
        return dt.date(2021, 11, 29)
    if entry.kind == BETTER:
        return LOWER if old != LOWER else HIGHER
    if entry.name == "code":
        return {"program": "05", "activities": "04.0.02.9", "expenses": "04.0.01.1"}[entry.section]
    return "Проверочное значение" + (" ⏎\nвторая строка" if entry.kind == MULTILINE else "")


def index_of(entry):
    return INDEX.get(entry.section)


def changed(report, entry):
    old = F.value_of(report, entry.section, index_of(entry), entry.name)
    value = new_value(entry, old)
    edit = set_field(report, entry.section, index_of(entry), entry.name, value)
    return (edit.apply(report) if edit else report), value


def test_the_catalogue_is_the_model():
    """One entry per (section, field) of the model, in the model's order, and nothing else."""
    expected = [("report", "year")]
    for section, cls in {**SINGLETONS, **LISTS}.items():
        expected += [(section, name) for name in data_fields(cls)]
    assert sorted(FIELDS) == sorted(expected)
    for section, cls in {**SINGLETONS, **LISTS}.items():
        assert editable_fields(section) == data_fields(cls)
    assert len(CATALOGUE) == len(FIELDS) == 36


@pytest.mark.parametrize("entry", CATALOGUE, ids=IDS)
def test_every_field_is_loaded_as_written(entry, seed):
    report, value = changed(seed.report, entry)
    text = render(report, seed.text, seed.report)
    again = parse(text)
    assert F.value_of(again.report, entry.section, index_of(entry), entry.name) == value
    assert not [f for f in again.findings if f.code == "E-SCHEMA"]


def raw_data():
    return tomllib.loads(SEED.read_text(encoding="utf-8"), parse_float=Decimal)


def holder(data, entry):
    if entry.section == "report":
        return data
    table = data[entry.section]
    return table[index_of(entry)] if isinstance(table, list) else table


WRONG = {TEXT: 12, MULTILINE: 12, NUMBER: "двенадцать", INTEGER: "один", DATE: "вчера", BETTER: "up"}


@pytest.mark.parametrize("entry", CATALOGUE, ids=IDS)
def test_every_field_is_validated(entry):
    data = raw_data()
    holder(data, entry)[entry.name] = WRONG[entry.kind]
    findings = build(data, Locator()).findings
    assert [f for f in findings if f.code == "E-SCHEMA" and f.field in (entry.name, None)
            and entry.name in f.message], findings
    data = raw_data()
    holder(data, entry).pop(entry.name, None)
    findings = build(data, Locator()).findings
    missing = [f for f in findings if f.code == "E-SCHEMA" and "обязательного" in f.message
               and entry.name in f.message]
    assert bool(missing) == entry.required


def state_of(report):
    analysis = analyse(report, Context(Locator()))
    return State(analysis.report, analysis.derived, analysis.findings)


def rows_showing(state, entry):
    """(table, row, column) of every cell or text row that edits the field."""
    out = []
    for table in TABLES:
        for row in build_rows(table, state, Memo(), marks_of(state.findings)):
            if row.section != entry.section or row.index != index_of(entry):
                continue
            if row.field is not None:
                if row.field == entry.name:
                    out.append((table, row, None))
                continue
            for column in column_keys(table):
                target = edit_target(table, row, column)
                if target == (entry.section, index_of(entry), entry.name):
                    out.append((table, row, column))
    return out


@pytest.mark.parametrize("entry", CATALOGUE, ids=IDS)
def test_every_field_is_editable_in_the_app(entry, seed):
    """Reached by a cell, a «Доклад» row or the row's field list (``e``), and what the
    editor shows for a value is read back as that value."""
    state = state_of(seed.report)
    reached = rows_showing(state, entry)
    if not reached:
        # no column of its own: the field list of its row (``e``) offers it
        rows = [r for t in TABLES for r in build_rows(t, state, Memo(), marks_of(state.findings))
                if r.section == entry.section and r.index == index_of(entry)]
        assert rows and entry.name in editable_fields(entry.section)
    value = F.value_of(seed.report, entry.section, index_of(entry), entry.name)
    if F.editor_kind(entry.section, entry.name) == "choice":
        offered = [v for v, _ in F.choices(seed.report, entry.section, index_of(entry), entry.name)]
        assert value in offered
    else:
        assert F.parse(seed.report, entry.section, index_of(entry), entry.name, F.to_text(value)) == value
    assert F.label(entry.section, entry.name) == entry.label != entry.name
    assert F.hint(entry.section, entry.name) == entry.help


def detail_shows(report, entry, value) -> str:
    state = state_of(report)
    texts = []
    for table in TABLES:
        for row in build_rows(table, state, Memo(), marks_of(state.findings)):
            if row.section == entry.section and row.index == index_of(entry):
                texts.append(detail_text(table, row, state).plain)
    return "\n".join(texts)


def expected_text(entry, value) -> str:
    if entry.kind == NUMBER:
        return (fmt_money if entry.section == "expenses" else fmt_value)(value)
    if entry.kind == DATE:
        return "29.11.2021"
    if entry.kind == BETTER:
        return "меньше (↓)" if value == LOWER else "больше (↑)"
    if entry.kind == INTEGER:
        return {"indicators": f"Задача {value}", "activities": f"Задача: {value}"}.get(entry.section,
                                                                                       str(value))
    return str(value).split("\n")[0].strip()


@pytest.mark.parametrize("entry", CATALOGUE, ids=IDS)
def test_every_field_is_shown_in_the_detail_pane(entry, seed):
    _base, report, value = changed_and_shown(seed.report, entry)
    shown = detail_shows(report, entry, value)
    assert expected_text(entry, value) in shown


# The printed forms have no place for these (the official templates): they are kept in
# the file and used by the checks, not printed.
NOT_PRINTED = {
    ("program", "municipality"): "the programme's title names the municipality",
    ("activities", "task"): "Form 2 is ordered by code; the task ties a main activity to Form 1",
}


def changed_and_shown(report, entry):
    changed_report, value = changed(report, entry)
    if entry.name in ("prev_note", "fact_note"):   # a note stands where the figure is missing
        figure = entry.name.removesuffix("_note")
        changed_report = set_field(changed_report, "indicators", 3, figure, None).apply(changed_report)
        report = set_field(report, "indicators", 3, figure, None).apply(report)
    return report, changed_report, value


@pytest.mark.parametrize("entry", CATALOGUE, ids=IDS)
def test_every_field_is_exported(entry, seed):
    """``export`` (text, and JSON for the fields it carries) changes with the field."""
    if (entry.section, entry.name) in NOT_PRINTED:
        assert not entry.json
        pytest.skip(NOT_PRINTED[entry.section, entry.name])
    context = Context(Locator())
    base, report, value = changed_and_shown(seed.report, entry)
    before = analyse(base, context)
    after = analyse(report, context)
    assert render_text(after) != render_text(before)
    if entry.json:
        assert render_json(after) != render_json(before)
