"""Everything computed about a report, as JSON for other programs and for tests."""

from __future__ import annotations

import json

from kedr_tui.core.analysis import Analysis
from kedr_tui.core.derive import Amounts
from kedr_tui.core.fields import NUMBER, of_section
from kedr_tui.core.numbers import plain
from kedr_tui.core.safe_text import json_safe


def _amounts(total: Amounts) -> dict:
    return {
        "plan_year": plain(total.plan_year, 2),
        "plan_period": plain(total.plan_period, 2),
        "cash": plain(total.cash, 2),
        "pct_year": plain(total.pct_year, 2),
        "pct_period": plain(total.pct_period, 2),
    }


def _entered(holder, section: str) -> dict:
    """The fields of a row the JSON carries, under their names in the file (core/fields.py)."""
    out = {}
    for entry in of_section(section):
        if entry.json:
            value = getattr(holder, entry.name)
            out[entry.name] = plain(value) if entry.kind == NUMBER else value
    return out


def as_dict(analysis: Analysis) -> dict:
    report, derived = analysis.report, analysis.derived
    indicators = []
    for ind, fig in zip(report.indicators, derived.indicators):
        indicators.append({
            **_entered(ind, "indicators"),
            "abs_deviation": plain(fig.abs_deviation),
            "rel_deviation": plain(fig.rel_deviation, 2),
            "growth": plain(fig.growth, 2),
            "unfavourable": fig.unfavourable,
            "formula_value": plain(fig.formula.value, 4),
            "formula_mismatch": fig.formula_mismatch,
        })
    nodes = []
    for node in derived.tree.walk():
        if node.kind == "program":
            continue
        nodes.append({"code": node.code, "kind": node.kind, "title": node.title,
                      **_amounts(node.total),
                      "executors": [{"executor": line.executor, **_amounts(line.amounts),
                                     "justification": line.justification}
                                    for line in node.shown_executors],
                      "justification": node.justification})
    ev = derived.evaluation
    return {
        "year": report.year,
        "program": _entered(report.program, "program"),
        "indicators": indicators,
        "expenses": {"program": _amounts(derived.tree.total), "nodes": nodes},
        "evaluation": {
            "sr": plain(ev.sr), "ss": plain(ev.ss), "srm": plain(ev.srm), "eis": plain(ev.eis),
            "er": plain(ev.er), "rating": ev.rating,
            "left_out": [report.indicators[i].name for i in ev.left_out],
        },
        "findings": [{"code": f.code, "severity": f.severity, "line": f.line, "column": f.column,
                      "message": f.message} for f in analysis.findings],
    }


def render_json(analysis: Analysis) -> str:
    # json escapes C0 controls itself; DEL and C1 (U+009B is a one-byte CSI) are escaped too
    return json_safe(json.dumps(as_dict(analysis), ensure_ascii=False, indent=2)) + "\n"
