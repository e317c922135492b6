"""Executors of a total are listed as they first appear in the file, stable under edits that
add rows of zeros (issue 10, item 8): the same for the app, the text, the PDF and the JSON,
which all read ``derive``."""

from decimal import Decimal

from msgspec.structs import replace

from kedr_tui.core.derive import derive
from kedr_tui.core.loading import load

FILE_ORDER = ["Администрация города Кедрового", "МУ «Кедровская ЦБС»", "МУ «Культура»"]


def shown(derived, code):
    return [line.executor for line in derived.nodes[code].shown_executors]


def test_totals_list_executors_in_the_files_order(seed_copy):
    derived = load(seed_copy).analysis.derived
    assert shown(derived, "04.0.00.0") == FILE_ORDER
    assert shown(derived, "04.0.02.0") == FILE_ORDER


def test_a_zero_row_earlier_in_the_file_reorders_nothing(seed_copy):
    report = load(seed_copy).report
    at = next(i for i, e in enumerate(report.expenses) if e.code == "04.0.02.1") + 1
    zero = replace(report.expenses[at - 1], executor="МУ «Культура»", src=None)
    edited = replace(report, expenses=report.expenses[:at] + (zero,) + report.expenses[at:])
    derived = derive(edited)
    assert shown(derived, "04.0.00.0") == FILE_ORDER
    assert shown(derived, "04.0.02.0") == FILE_ORDER
    # the leaf keeps its own rows in the file's order, zeros included
    assert shown(derived, "04.0.02.1") == ["Администрация города Кедрового", "МУ «Культура»"]
    # once the row carries an amount, it counts from where it stands
    paid = replace(zero, plan_year=Decimal("1.00"), plan_period=Decimal("1.00"), cash=Decimal("1.00"))
    edited = replace(report, expenses=report.expenses[:at] + (paid,) + report.expenses[at:])
    assert shown(derive(edited), "04.0.00.0") == [FILE_ORDER[2], FILE_ORDER[0], FILE_ORDER[1]]
