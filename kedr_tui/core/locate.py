"""Where things are in a report file: a line index built from the raw text.

tomllib gives values without places, so findings need this to point at a
line.  The scanner knows just enough TOML for report files: table headers,
array-of-table headers, ``key = value`` lines and multi-line strings.

Lines are TOML's lines: they end at LF (or CRLF) only.  ``str.splitlines``
would also end them at U+2028, U+2029, U+0085, VT, FF and the file
separators, which TOML allows inside comments and strings: one of them in a
comment would shift every later finding.  A multi-line basic string ends at
the first triple quote that is not escaped (a backslash before it makes the
first quote part of the text).
"""

from __future__ import annotations

import re

_KEY = re.compile(r"""\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=\s*""")
_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


def lines(text: str) -> list[str]:
    """The text's lines as TOML counts them (LF ends a line; a CR before it is dropped)."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def position(text: str, at: int) -> tuple[int, int]:
    """1-based (line, column) of character ``at``, in TOML's lines."""
    at = max(0, min(at, len(text)))
    start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - start + 1


def _closing(line: str, start: int, delim: str) -> int | None:
    """Index just after the delimiter that closes a multi-line string in ``line``, or None."""
    if delim == "'''":  # literal: no escapes
        at = line.find(delim, start)
        return None if at < 0 else at + 3
    i, n = start, len(line)
    while i < n:
        ch = line[i]
        if ch == "\\":
            i += 2
        elif line.startswith(delim, i):
            return i + 3
        else:
            i += 1
    return None


class Locator:
    """Maps ``(section, index, key)`` paths to ``(line, column)``, 1-based.

    Paths: ``("year",)`` for a top-level key, ``("program",)`` and
    ``("program", "code")`` for a table, ``("indicators", 3)`` and
    ``("indicators", 3, "fact")`` for the fourth table of an array.
    """

    def __init__(self, text: str = ""):
        self._places: dict[tuple, tuple[int, int]] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        places = self._places
        counts: dict[str, int] = {}
        current: tuple = ()
        in_string: str | None = None
        for number, line in enumerate(lines(text), start=1):
            if in_string:
                end = _closing(line, 0, in_string)
                if end is None:
                    continue
                in_string = None  # what follows on its last line holds no key of interest
                continue
            stripped = line.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("["):
                match = _HEADER.match(line)
                if not match:
                    continue
                name = match.group(2).strip().strip('"')
                if match.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    current = (name, index)
                    # the array itself is where its first table is (an unknown «[[amendment]]»)
                    places.setdefault((name,), (number, len(line) - len(stripped) + 1))
                else:
                    current = (name,)
                places.setdefault(current, (number, len(line) - len(stripped) + 1))
                continue
            match = _KEY.match(line)
            if not match:
                continue
            key = match.group(1).strip("\"'")
            places.setdefault(current + (key,), (number, match.start(1) + 1))
            rest = line[match.end():]
            for delim in ('"""', "'''"):
                if rest.startswith(delim) and _closing(rest, 3, delim) is None:
                    in_string = delim
                    break

    def find(self, *path) -> tuple[int, int]:
        """The place of ``path``, or of its nearest enclosing part that is known."""
        path = tuple(path)
        while path:
            place = self._places.get(path)
            if place:
                return place
            path = path[:-1]
        return (1, 1)

    def place(self, *path) -> tuple[int, int] | None:
        """The place of exactly ``path`` (a key that is in the file), or None."""
        return self._places.get(tuple(path))

    def line(self, *path) -> int:
        return self.find(*path)[0]
