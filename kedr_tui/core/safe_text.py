"""Text from a report made safe for a terminal or a text file: the one sanitizer.

A report, a colleague's lock note or a journal header can hold control
characters: ``ESC ] 0 ;`` renames the officer's terminal window, ``ESC [ 2 J``
clears it, ``ESC [ 6 n`` makes the terminal type an answer back into the app as
keys, and the one-byte CSI U+009B does the same on terminals that honour C1.
Everything from data passes ``visible`` (one line: check, warnings,
notifications, table cells) or ``visible_text`` (several lines: the text
export, the detail pane) before a terminal or a text file sees it.

C0 controls and DEL become their Unicode control pictures (``ESC`` → ``␛``,
``BEL`` → ``␇``, ``DEL`` → ``␡``): one column wide each, so a table drawn around
them keeps its widths.  C1 controls (U+0080–U+009F) have no pictures and are
shown as ``\\x9b``.  The data itself is never changed: only what is shown.
"""

from __future__ import annotations

import re

# Beside C0, DEL and C1: the Unicode line and paragraph separators (TOML does not end
# lines there, a terminal may), the bidirectional overrides and isolates that make text
# read otherwise than it is stored, and the byte-order mark.
_OTHER = (0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_LINE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_LINE[0x7F] = "\u2421"
_LINE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
_LINE.update({code: f"\\u{code:04x}" for code in _OTHER})
_TEXT = dict(_LINE)
del _TEXT[0x0A], _TEXT[0x09]  # a text keeps its line breaks and tabs


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def json_has_control(encoded: str) -> bool:
    """Whether ``visible_text`` would change a string held in ``encoded``, JSON as msgspec
    writes it (C0 controls escaped, the rest as they are): one search instead of a walk
    over every string of a document.  A backslash in the data may answer yes; never no
    for a control."""
    return _CONTROL_IN_JSON.search(encoded) is not None


def visible(text: object) -> str:
    """``text`` as one safe line: every control character shown, line breaks included."""
    text = text if isinstance(text, str) else str(text)
    if _CONTROL.search(text) is None:
        return text
    return text.translate(_LINE)


def visible_text(text: object) -> str:
    """``text`` safe for a terminal or a file, keeping its line breaks and tabs."""
    text = text if isinstance(text, str) else str(text)
    if _CONTROL.search(text) is None:
        return text
    return text.translate(_TEXT)


def json_safe(encoded: str) -> str:
    """JSON text with the rest of what ``visible`` shows escaped too (JSON itself escapes
    only C0): DEL, C1, the line separators, bidirectional overrides and the BOM, so
    ``--json -`` on a terminal is as safe as the text output."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


# C0 but line breaks and tabs as JSON escapes them, then what it leaves as it is.
_CONTROL_IN_JSON = re.compile(r"\\(?:u00|[bfr])"
                              "|[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
