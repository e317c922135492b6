"""``kedr-tui diff --git-external``: the report diff as git's external diff driver.

git runs ``kedr-tui diff --git-external PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE
NEW-HEX NEW-MODE [NEW-PATH XFRM]`` for each file whose ``.gitattributes`` names
the ``kedr`` driver (see docs/diff.md).  It prints the same listing as
``kedr-tui diff OLD NEW``, headed by the path; a file added or deleted is
compared with an empty report.  git stops at a driver that exits non-zero, so
this always exits 0: a version that is not a usable report gets its reason on
one line and a plain line diff instead.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from kedr_tui.core.diff import compare
from kedr_tui.core.errors import ReportError
from kedr_tui.core.model import Report
from kedr_tui.core.safe_text import visible
from kedr_tui.core.store.versions import read_text, report_of
from kedr_tui.export.diff import as_text, header
from kedr_tui.export import wording as xw

NULL = "/dev/null"
NO_DIFFERENCE = xw.NO_DIFFERENCE


def _text(name: str) -> str | None:
    return None if name == NULL else read_text(Path(name))


def external(argv: list[str], colour: bool) -> int:
    if len(argv) not in (7, 9):
        print(xw.GIT_DRIVER_USAGE, file=sys.stderr)
        return 2
    path, old_file, new_file = argv[0], argv[1], argv[4]
    new_path = argv[7] if len(argv) == 9 else path
    old_name, new_name = f"a/{path}", f"b/{new_path}"
    old_text = new_text = None
    try:
        old_text, new_text = _text(old_file), _text(new_file)
        new = report_of(new_name, new_text) if new_text is not None else None
        old = report_of(old_name, old_text) if old_text is not None else None
        old = old or Report(year=new.year if new else 0)
        new = new or Report(year=old.year)
    except ReportError as exc:
        _fallback(str(exc), old_name, new_name, old_text, new_text)
        return 0
    diff = compare(old, new)
    text = as_text(diff, old_name, new_name, colour)
    if not text:
        text = "\n".join([*header(diff, old_name, new_name), NO_DIFFERENCE]) + "\n"
    sys.stdout.write(text)
    return 0


def _fallback(reason: str, old_name: str, new_name: str, old_text: str | None,
              new_text: str | None) -> None:
    """A version that can't be compared as a report: say why, then the lines that differ."""
    print(xw.line_diff_follows(visible(reason)))
    lines = difflib.unified_diff((old_text or "").splitlines(), (new_text or "").splitlines(),
                                 old_name, new_name, lineterm="")
    for line in lines:
        print(visible(line))
