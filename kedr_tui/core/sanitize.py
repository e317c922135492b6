"""Text from a report made safe for a terminal or a text file.

A name, a comment or a formula can hold escape sequences (``ESC]0;…`` renames the
window, ``ESC[2J`` clears the screen, ``ESC[6n`` makes the terminal type an answer
back).  Every control character is shown visibly instead, as ``\\x1b``, so the
reader sees that it is there and the terminal never acts on it: C0 (but the line
break, which callers split on), DEL, C1 (the one-byte CSI U+009B among them),
the Unicode line and paragraph separators and the bidirectional overrides that
make text read differently from how it is stored.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, newlines: bool = True) -> str:
    """``text`` with every control character written out (``\\x1b``); line breaks are kept
    unless ``newlines`` is false (then they are shown as ``\\n`` too)."""
    text = _UNSAFE.sub(_shown, text)
    return text if newlines else text.replace("\n", "\\n")
