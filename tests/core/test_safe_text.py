"""The one sanitizer: what a terminal or a text file gets of data."""

import msgspec

from kedr_tui.core.safe_text import json_has_control, json_safe, visible, visible_text


def test_escape_sequences_are_shown_never_sent():
    assert visible("\x1b]0;owned\x07\x1b[2J\x9b6n") == "␛]0;owned␇␛[2J\\x9b6n"
    assert visible("a\x7fb\x00") == "a␡b␀"


def test_one_line_shows_line_breaks_a_text_keeps_them():
    assert visible("раз\nдва\tтри") == "раз␊два␉три"
    assert visible_text("раз\nдва\tтри\x1b") == "раз\nдва\tтри␛"


def test_separators_and_bidirectional_overrides_are_shown():
    # U+202E makes «txt.exe» read as «exe.txt»; U+2028 ends a line on some terminals
    assert visible("счёт\u202etxt.exe") == "счёт\\u202etxt.exe"
    assert visible_text("а\u2028б\u2066в\ufeff") == "а\\u2028б\\u2066в\\ufeff"


def test_plain_russian_text_is_untouched():
    text = "Доля услуг — 91,2 % («одного окна»)"
    assert visible(text) is text and visible_text(text) is text


def test_json_escapes_what_json_leaves_raw():
    assert json_safe('"a\x7f\x9b"') == '"a\\u007f\\u009b"'
    # `export --json -` left a right-to-left override raw, which turns the rest of a
    # terminal line around (diff --json escaped it; the text output shows it as \u202e)
    assert json_safe('"a\u202eb\u2066c\u2028d\ufeffe"') == '"a\\u202eb\\u2066c\\u2028d\\ufeffe"'


def test_json_has_control_never_misses_what_visible_text_would_change():
    # The text export skips making a section safe when its JSON has no control in it.
    for code in [*range(0x10000), 0x1F600, 0x10FFFF]:
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        encoded = msgspec.json.encode(["x", {"a": f"б{ch}в"}]).decode("utf-8")
        assert json_has_control(encoded) == (visible_text(ch) != ch) or (
            ch == "\\" and json_has_control(encoded)), hex(code)
    assert not json_has_control(msgspec.json.encode("Доля — 91,2\u00a0%\n\tитого").decode())
