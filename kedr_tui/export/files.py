"""Writing the outputs of a report to files: shared by ``kedr-tui export`` and the app.

The renderers are imported only when their format is asked for, so that
``check`` and the app's start-up never pay for fpdf2 or tabulate.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kedr_tui.core.analysis import Analysis
from kedr_tui.core.errors import ReportError, os_reason
from kedr_tui.export import wording as xw

SUFFIXES = {"pdf": ".pdf", "txt": ".txt", "json": ".json"}


def default_path(kind: str, year: int, folder: Path | None = None) -> Path:
    return (folder or Path("out")) / f"{year}{SUFFIXES[kind]}"


def render(kind: str, analysis: Analysis, warnings: list[str] | None = None,
           draft: bool = False) -> bytes:
    """One output as bytes; what it could not show (characters the PDF font lacks) is
    added to ``warnings``, in Russian.  ``draft``: the PDF says «ПРОЕКТ» on every page."""
    if kind == "json":
        from kedr_tui.export.json import render_json

        return render_json(analysis).encode("utf-8")
    if kind == "txt":
        from kedr_tui.export.text import render_text

        return render_text(analysis).encode("utf-8")
    if kind == "pdf":
        from kedr_tui.export.pdf import render_pdf_checked

        data, missing = render_pdf_checked(analysis, draft=draft)
        if warnings is not None:
            warnings.extend(missing)
        return data
    raise ReportError(kind, xw.UNKNOWN_OUTPUT_KIND)


def write_output(kind: str, analysis: Analysis, path: Path,
                 warnings: list[str] | None = None, draft: bool = False) -> Path:
    """Render and write one output; never over a ``.toml`` (a report).  What the output
    could not show (characters the PDF font lacks) is added to ``warnings``."""
    if kind == "txt":                   # written as it is made: it can be hundreds of MB
        from kedr_tui.export.text import text_chunks

        return write_bytes(path, text_chunks(analysis))
    return write_bytes(path, render(kind, analysis, warnings, draft))


def write_bytes(path: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write an output file (never over a ``.toml``: a report or a review)."""
    path = Path(path)
    if path.suffix.lower() == ".toml" or path.name.endswith(".toml~"):
        raise ReportError(str(path), xw.WONT_OVERWRITE_REPORT)
    _refuse_special(path)
    from kedr_tui.core.store.atomic import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a random temporary made exclusively, fsync'd, renamed: a symlink planted at a
        # predictable name (``out/.2021.txt.tmp``) can't make us overwrite another file
        write_atomic(path, data, keep_backup=False)
    except OSError as exc:
        raise ReportError(str(path), xw.write_failed(os_reason(exc, path.parent))) from None
    return path


def _refuse_special(path: Path) -> None:
    """An output is renamed into place: over a device, a FIFO or a socket that would put a
    regular file in its stead (``--txt /dev/null`` as root replaced /dev/null for every
    program on the machine), and over a symlink it would replace the link (``--txt
    /dev/stdout`` made /dev/stdout a file).  A link is not written through either (one
    planted in a shared folder would make us overwrite its target): both are refused."""
    import os
    import stat

    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if stat.S_ISLNK(mode):
        raise ReportError(str(path), xw.LINK_OUTPUT)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise ReportError(str(path), xw.NOT_A_REGULAR_OUTPUT)      # (a folder: said on writing)
