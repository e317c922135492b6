"""Where things are in a report file: a line index built from the raw text.

tomllib gives values without places, so findings need this to point at a
line.  The scanner knows just enough TOML for report files: table headers,
array-of-table headers, ``key = value`` lines and multi-line strings.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"""\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=\s*""")
_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")


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
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if in_string in line:
                    in_string = None
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
                if rest.startswith(delim) and delim not in rest[3:]:
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
