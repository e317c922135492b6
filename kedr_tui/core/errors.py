"""Findings, and the one family of errors: every expected failure is a KedrError with
a Russian message and the exit code ``main`` ends with."""

from __future__ import annotations

from msgspec import Struct

from kedr_tui.core import wording

ERROR = "error"
WARNING = "warning"


class Finding(Struct, frozen=True):
    """One problem of a report, with its place in the file and in the app.

    ``ref`` names the row it belongs to: ``(section, index)`` for a row of a
    list section (``("indicators", 3)``), ``(section, None)`` for a
    singleton table, ``()`` for the file as a whole.  ``field`` is the key.
    """

    code: str
    message: str
    line: int = 1
    column: int = 1
    ref: tuple = ()
    field: str | None = None

    @property
    def severity(self) -> str:
        return ERROR if self.code.startswith("E-") else WARNING

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E-")

    def format(self, path: str) -> str:
        return f"{path}:{self.line}:{self.column}: {self.code} {self.message}"


class KedrError(Exception):
    """The base of every expected failure: a message for a person, in Russian, and the
    exit code the command ends with (1: the report has problems or an edit was refused,
    2: unusable input or usage).  Anything else reaching ``main`` is a bug."""

    exit_code: int = 1

    def __init__(self, message: str = "", *, exit_code: int | None = None):
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(message)


class EditError(KedrError, ValueError):
    """An edit that can't be made; the message is Russian and user-facing."""


class ReportError(KedrError):
    """A report file that cannot be opened, decoded or used at all.

    Carries the place (path, line, column) and a Russian message; the CLI
    prints ``str(err)`` as one line and exits with ``exit_code``.
    """

    def __init__(self, path: str, message: str, line: int | None = None,
                 column: int | None = None, exit_code: int = 2):
        self.path = str(path)
        self.message = message
        self.line = line
        self.column = column
        self.exit_code = exit_code
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


def os_reason(exc: OSError, folder) -> str:
    """An OSError of a write into ``folder`` as a short Russian reason, naming the folder by
    its absolute path («.» tells the officer nothing); never Python's English strerror."""
    import os

    try:
        folder = os.path.abspath(folder or ".")
    except (OSError, ValueError):
        pass
    return wording.write_failed(exc.errno, folder)
