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


def lines_with_ends(text: str) -> list[str]:
    """The text's lines as TOML counts them, each with its own ending (CRLF, LF, none for
    the last): ``"".join`` of them is ``text``.  ``str.splitlines(keepends=True)`` would
    also end one at a U+2028 in a comment."""
    out = [line + "\n" for line in text.split("\n")]
    out[-1] = out[-1][:-1]
    return out


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


# A line that opens a record (a table header) or a multi-line string (a key whose value
# starts with three quotes).  Whitespace is any but LF, as within one of ``lines``.
_OPENING = re.compile(r"""^[^\S\n]*(?:(\[\[?)[^\S\n]*([^\]\n]+?)[^\S\n]*\]\]?"""
                      r"""|(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[^\S\n]*=[^\S\n]*("{3}|'{3}))""",
                      re.M)


def close_of(text: str, start: int, end: int, delim: str) -> int:
    """Index just after the delimiter that closes a multi-line string, searched in
    ``text[start:end]`` (no line break in between unless the string spans lines); -1 if
    it doesn't close there.  A basic string's quote is escaped when an odd run of
    backslashes stands before it, as ``_closing`` reads it."""
    at = text.find(delim, start, end)
    while at >= 0 and delim == '"""':
        run = at
        while run > start and text[run - 1] == "\\":
            run -= 1
        if (at - run) % 2 == 0:
            break
        at = text.find(delim, at + 1, end)
    return -1 if at < 0 else at + 3


def _scan(text: str) -> tuple[dict, list, dict]:
    """One pass of ``_OPENING`` over ``text``: every record's header, and the regions
    of key lines between them (see ``Locator``)."""
    headers: dict[tuple, tuple[int, int]] = {}
    regions: list[tuple[tuple, int, int, int]] = []
    by_path: dict[tuple, list[int]] = {}

    def region(path: tuple, number: int, start: int, end: int) -> None:
        by_path.setdefault(path, []).append(len(regions))
        regions.append((path, number, start, end))

    counts: dict[str, int] = {}
    current: tuple = ()
    number, counted = 1, 0                  # the line number of offset ``counted``
    body, body_line = 0, 1                  # where the current region's lines start
    size, pos = len(text), 0
    search = _OPENING.search
    while pos <= size:
        match = search(text, pos)
        if match is None:
            break
        at = match.start()
        number += text.count("\n", counted, at)
        counted = at
        eol = text.find("\n", match.end())
        eol = size if eol < 0 else eol
        pos = eol + 1
        if match.group(1) is None:          # a key opening a multi-line string
            delim = match.group(3)
            if close_of(text, match.end(), eol, delim) >= 0:
                continue
            closed = close_of(text, eol, size, delim)
            if closed < 0:                  # never closed: no key after it counts
                size = eol
                break
            eol = text.find("\n", closed)
            pos = size + 1 if eol < 0 else eol + 1
            continue
        region(current, body_line, body, at)
        name = match.group(2).strip().strip('"')
        if match.group(1) == "[[":
            index = counts.get(name, 0)
            counts[name] = index + 1
            current = (name, index)
        else:
            current = (name,)
        line_start = text.rfind("\n", 0, at) + 1
        headers.setdefault(current, (number, match.start(1) - line_start + 1))
        if match.group(1) == "[[":  # the array is where its first table is («[[amendment]]»)
            headers.setdefault((name,), (number, match.start(1) - line_start + 1))
        body, body_line = pos, number + 1
    region(current, body_line, body, size)
    return headers, regions, by_path


class Locator:
    """Maps ``(section, index, key)`` paths to ``(line, column)``, 1-based.

    Paths: ``("year",)`` for a top-level key, ``("program",)`` and
    ``("program", "code")`` for a table, ``("indicators", 3)`` and
    ``("indicators", 3, "fact")`` for the fourth table of an array.

    Only the records (table headers) are found up front, by one regular expression
    over the text; the keys of a record are found when one of them is first asked
    for (findings and saves ask for a few).  A report of 10 000 indicators has some
    50 000 records and 400 000 keys: a dict of every key's place took 100 MiB and a
    quarter of a second to build.

    Even the records are found only when a place is first asked for: a report without
    findings needs none before its first frame, and the scan of a 4 MB report takes
    0.13 s.  The scan fills local tables and publishes them at once, so a save's
    thread and the app's may both ask (one may scan in vain, neither sees half a scan).
    """

    def __init__(self, text: str = ""):
        self._text = text
        # record path -> (line, column) of its first header; None until scanned
        self._headers: dict[tuple, tuple[int, int]] | None = None
        # every region of key lines: (path, first line's number, start, end offset);
        # region 0 holds the top-level keys, before the first header
        self._regions: list[tuple[tuple, int, int, int]] = []
        self._by_path: dict[tuple, list[int]] = {}
        self._keys: dict[int, dict[str, tuple[int, int]]] = {}

    def _scanned(self) -> dict[tuple, tuple[int, int]]:
        headers = self._headers
        if headers is None:
            headers, self._regions, self._by_path = _scan(self._text)
            self._headers = headers             # last: the tables above are in place
        return headers

    def _keys_of(self, region: int) -> dict[str, tuple[int, int]]:
        keys = self._keys.get(region)
        if keys is None:
            _, first, start, end = self._regions[region]
            keys = {}                       # published whole, once filled (see above)
            in_string: str | None = None
            for number, line in enumerate(lines(self._text[start:end]), start=first):
                if in_string:
                    if _closing(line, 0, in_string) is not None:
                        in_string = None    # what follows on its last line holds no key
                    continue
                stripped = line.lstrip()
                if not stripped or stripped.startswith(("#", "[")):
                    continue
                match = _KEY.match(line)
                if not match:
                    continue
                keys.setdefault(match.group(1).strip("\"'"), (number, match.start(1) + 1))
                rest = line[match.end():]
                for delim in ('"""', "'''"):
                    if rest.startswith(delim) and _closing(rest, 3, delim) is None:
                        in_string = delim
                        break
            self._keys[region] = keys
        return keys

    def _get(self, path: tuple) -> tuple[int, int] | None:
        header = self._scanned().get(path)
        key = None
        if path and isinstance(path[-1], str):
            for region in self._by_path.get(path[:-1], ()):
                key = self._keys_of(region).get(path[-1])
                if key is not None:
                    break
        if header is None or key is None:
            return header or key
        return min(header, key)                 # a top-level key and a table of one name

    def find(self, *path) -> tuple[int, int]:
        """The place of ``path``, or of its nearest enclosing part that is known."""
        path = tuple(path)
        while path:
            place = self._get(path)
            if place:
                return place
            path = path[:-1]
        return (1, 1)

    def place(self, *path) -> tuple[int, int] | None:
        """The place of exactly ``path`` (a key that is in the file), or None."""
        return self._get(tuple(path))

    def line(self, *path) -> int:
        return self.find(*path)[0]
