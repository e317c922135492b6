"""What goes over the wire: only the cells that change on the terminal.

Textual writes every region it repaints, even when the terminal already
shows exactly that: a dialog that opens and closes repaints the screen twice
each way, a focus change repaints whole widgets.  Over SSH each full screen is
7–20 KB.  ``ScreenDiff`` keeps what the terminal shows (the cells written:
character and SGR attributes) and lets through only the cells that differ,
each run of them placed with a cursor move (CUP).

It models exactly what Textual's frames are made of — CUP, SGR attributes,
printable text, line ends — and passes everything else through.  Modes that
draw nothing (mouse, cursor visibility, synchronized output) and terminal
queries pass in order.  Anything that may change the screen in a way it does
not model (clearing, scrolling, other cursor moves, the alternate screen, OSC
strings, a stray control character) is passed through verbatim and makes it
forget what it knew, until the next CUP.  A cell is left out only when it is
known to show the same character with the same attributes, so at worst it
writes what Textual would have written.  ``tests/ui/test_wire.py`` replays
both streams in a terminal emulator (pyte) and compares the screens.
"""

from __future__ import annotations

import re

from rich.cells import get_character_cell_size

_SEQUENCE = re.compile(
    r"\x1b\[([0-9;:<=>?]*)([ -/]*)([@-~])"          # CSI: parameters, intermediates, final
    r"|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)"      # OSC, DCS, APC, PM, SOS strings
    r"|\x1b([ -/]*[0-~])")                          # ESC and a character (7, 8, =, >, (B...)
_SCREEN_MODES = {"?1049", "?47", "?1047", "?1048", "?3", "?5", "?6", "?69", "?2", "?95"}
_GAP = 4      # unchanged cells between two changed runs that are written anyway (cheaper than a CUP)

Cell = tuple  # (text, sgr, width); "" is the right half of a wide character; None: unknown


class ScreenDiff:
    """Filters a terminal output stream down to the cells that change."""

    def __init__(self, width: int = 0, height: int = 0):
        self.width, self.height = width, height
        self._cells: list[list] = []
        self._sgr = ""              # attributes in force in the stream read
        self._x = self._y = 0       # the stream's cursor
        self._lost = True           # the stream's cursor is not known (until a CUP)
        self._clean = False         # the terminal's attributes are known to be reset
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        """A terminal of another size: nothing on it is known."""
        self.width, self.height = width, height
        self.forget()

    def forget(self) -> None:
        self._cells = [[None] * self.width for _ in range(self.height)]

    # ------------------------------------------------------------ reading

    def feed(self, data: str) -> str:
        """What the terminal must be sent to show what ``data`` would make it show."""
        out: list[str] = []
        changed: dict[int, dict[int, tuple[str, str]]] = {}
        cursor_pending = False       # a CUP not followed by text
        moved = False                # the stream moved its cursor (so must the terminal's)
        i, n = 0, len(data)
        while i < n:
            ch = data[i]
            if ch == "\x1b":
                match = _SEQUENCE.match(data, i)
                sequence = match.group(0) if match else data[i:]
                i = match.end() if match else n
                kind = self._kind(match)
                if kind == "sgr":
                    params = match.group(1)
                    self._sgr = "" if params in ("", "0") else self._sgr + sequence
                    if self._lost:
                        out.append(sequence)
                        self._clean = self._sgr == ""
                elif kind == "cup":
                    moved = True
                    self._flush(changed, out)
                    parts = (match.group(1) or "").split(";")
                    self._y = int(parts[0] or 1) - 1
                    self._x = int(parts[1] or 1) - 1 if len(parts) > 1 else 0
                    self._lost = False
                    cursor_pending = True
                elif kind == "pass":
                    self._flush(changed, out)
                    out.append(sequence)
                else:                           # may change the screen: verbatim, then forget
                    self._flush(changed, out)
                    if not self._lost:
                        self._sync(out)
                    out.append(sequence)
                    self.forget()
                    self._lost = True
                    self._clean = False
                    cursor_pending = False
                continue
            j = i
            while j < n and data[j] >= " " and data[j] != "\x7f":
                j += 1
            if j == i:                          # a control character
                i += 1
                cursor_pending = False
                if self._lost:                  # as it came
                    out.append(ch)
                    if ch not in "\r\n\x07":
                        self.forget()
                elif ch == "\r":
                    self._x = 0
                    moved = True
                elif ch == "\n" and self._y + 1 < self.height:
                    self._y += 1
                    moved = True
                elif ch == "\x07":             # the bell draws nothing
                    self._flush(changed, out)
                    out.append(ch)
                else:                           # scrolling, tabs, backspace...: not modelled
                    self._flush(changed, out)
                    self._sync(out)
                    out.append(ch)
                    self.forget()
                    self._lost = True
                continue
            text = data[i:j]
            i = j
            cursor_pending = False
            moved = True
            if self._lost or not self._text(text, changed):
                self._flush(changed, out)
                if self._lost:
                    out.append(text)            # where it goes is not known: as it came
                else:
                    self._sync(out)
                    out.append(text)
                self.forget()
                self._lost = True
        self._flush(changed, out)
        if moved and not self._lost:            # the cursor rests where the stream left it
            out.append(self._cup())
        return "".join(out)

    def _sync(self, out: list[str]) -> None:
        """Put the terminal's cursor and attributes where the stream has them (before
        passing on what is not modelled)."""
        if self._x >= self.width and 0 <= self._y < self.height:
            # past the last column a wrap is pending, which no CUP can make: write the
            # last cell again to get there (if it is known)
            row = self._cells[self._y]
            last = self.width - 1
            if row[last] == "" and last > 0:
                last -= 1
            cell = row[last]
            if cell is not None and cell != "" and last + cell[2] == self.width:
                out.append(f"\x1b[{self._y + 1};{last + 1}H\x1b[0m{cell[1]}{cell[0]}\x1b[0m{self._sgr}")
                self._clean = not self._sgr
                return
        out.append(self._cup() + "\x1b[0m" + self._sgr)
        self._clean = not self._sgr

    def _cup(self) -> str:
        return f"\x1b[{self._y + 1};{self._x + 1}H"

    @staticmethod
    def _kind(match) -> str:
        """sgr, cup, pass (draws nothing) or other."""
        if match is None:
            return "other"
        params, intermediate, final = match.group(1), match.group(2), match.group(3)
        if final is None:                      # OSC & co, or ESC and a character
            simple = match.group(4)
            return "pass" if simple in ("=", ">") else "other"
        if intermediate == "" and params is not None and not params.startswith(("?", ">", "<", "=")):
            if final == "m":
                return "sgr"
            if final == "H" and re.fullmatch(r"\d*(;\d*)?", params):
                return "cup"
            if final in "nc":                  # status and device attribute queries
                return "pass"
            return "other"
        if final in "hl" and params.startswith("?") and intermediate == "":
            modes = {"?" + m.lstrip("?") for m in params.split(";")}
            return "other" if modes & _SCREEN_MODES else "pass"
        if final in "pqucn":                   # mode queries ($p), keyboard protocol, queries
            return "pass"
        return "other"

    def _text(self, text: str, changed: dict) -> bool:
        """Put ``text`` at the stream's cursor; False if the model can't hold it."""
        y = self._y
        if not 0 <= y < self.height:
            return False
        row, sgr, width = self._cells[y], self._sgr, self.width
        sizes = [get_character_cell_size(ch) for ch in text]
        if 0 in sizes or self._x < 0 or self._x + sum(sizes) > width:
            return False                       # combining characters, past the edge: not modelled
        for ch, size in zip(text, sizes):
            x = self._x
            new = (ch, sgr, size)
            old = row[x]
            if old == new and (size == 1 or row[x + 1] == ""):
                self._x += size
                continue
            # writing over half of a wide character blanks its other half on the terminal
            if old == "" and x > 0:
                row[x - 1] = None
            if old is not None and old != "" and old[2] == 2 and size == 1:
                row[x + 1] = None
            if size == 2:
                after = row[x + 1]
                if after is not None and after != "" and after[2] == 2 and x + 2 < width:
                    row[x + 2] = None
                row[x + 1] = ""
            row[x] = new
            changed.setdefault(y, {})[x] = (ch, sgr)
            changed[y].pop(x + 1, None) if size == 2 else None
            self._x += size
        return True

    # ------------------------------------------------------------ writing

    def _flush(self, changed: dict, out: list[str]) -> None:
        """Write the changed cells: per line, runs of them, each placed by a CUP."""
        if not changed:
            return
        if not self._clean:
            out.append("\x1b[0m")
            self._clean = True
        for y in sorted(changed):
            row, cells = changed[y], self._cells[y]
            runs: list[list[int]] = []
            for x in sorted(row):
                if runs and x - runs[-1][-1] <= _GAP + 1 and all(
                        cells[k] is not None for k in range(runs[-1][-1] + 1, x)):
                    runs[-1].append(x)
                else:
                    runs.append([x])
            for run in runs:
                out.append(f"\x1b[{y + 1};{run[0] + 1}H")
                style = ""
                x, end = run[0], run[-1]
                while x <= end:
                    if x in row:
                        text, sgr = row[x]
                        size = get_character_cell_size(text)
                    else:
                        cell = cells[x]
                        if cell == "":          # the right half of a wide character
                            x += 1
                            continue
                        text, sgr, size = cell
                    if sgr != style:
                        if style:
                            out.append("\x1b[0m")
                        out.append(sgr)
                        style = sgr
                    out.append(text)
                    x += size
                if style:
                    out.append("\x1b[0m")
        changed.clear()


def lean_driver(base: type) -> type:
    """Textual's driver class ``base``, writing through a ``ScreenDiff``.

    Only ``Driver.write`` (public) is wrapped.  The terminal's size is read at each
    write (one ioctl): a resized terminal may have moved or cleared anything, so
    the diff starts over.  ``KEDR_TUI_FULL_REPAINT=1`` turns it off.
    """
    import os
    import sys

    if os.environ.get("KEDR_TUI_FULL_REPAINT"):
        return base

    class LeanDriver(base):
        def write(self, data: str) -> None:
            diff = self.__dict__.get("screen_diff")
            if diff is None:
                diff = self.__dict__["screen_diff"] = ScreenDiff()
            try:
                width, height = os.get_terminal_size(sys.__stderr__.fileno())
            except (OSError, AttributeError, ValueError):
                width = height = 0             # not a terminal: nothing is modelled
            if (width, height) != (diff.width, diff.height):
                diff.resize(width, height)
            data = diff.feed(data)
            if data:
                super().write(data)

        def start_application_mode(self) -> None:
            diff = self.__dict__.get("screen_diff")
            if diff is not None:                # back from a suspend: the screen is someone else's
                diff.forget()
            super().start_application_mode()

    LeanDriver.__name__ = LeanDriver.__qualname__ = f"Lean{base.__name__}"
    return LeanDriver
