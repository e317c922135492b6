"""How the PDF's flowing text and cells break lines (export/pdftable.py ``Metrics.wrap``)."""

from __future__ import annotations

from collections import defaultdict

from kedr_tui.export.pdftable import Metrics


def metrics() -> Metrics:
    widths = defaultdict(lambda: 500.0)     # every letter half an em,
    widths[ord(" ")] = 250.0                # a space a quarter
    return Metrics(widths)


def test_a_word_wider_than_a_line_fills_the_line_it_follows():
    # A 200-letter word (a URL, a pasted code) after «Слово без пробелов:» stood on lines of
    # its own, and the justified line before it was stretched across the page: three words
    # with gaps of a third of the line each.
    long = "Ё" * 200
    lines = metrics().wrap(f"Слово без пробелов: {long} — конец.", 20_000.0)
    assert lines[0][0] == "Слово без пробелов: " + "Ё" * 21
    assert all(19_500 < w <= 20_000 for _t, w in lines[:-1])    # every line but the last full
    assert "".join(t for t, _w in lines).replace(" ", "") == f"Словобезпробелов:{long}—конец."


def test_a_word_that_fits_a_line_of_its_own_still_goes_to_the_next_line():
    word = "Ё" * 30                              # 15 000 units: fits a whole line, so not cut
    lines = metrics().wrap(f"Слово без пробелов: {word} конец", 20_000.0)
    assert [t for t, _w in lines] == ["Слово без пробелов:", f"{word} конец"]


def test_a_long_word_with_hyphens_still_breaks_after_a_hyphen():
    word = "-".join(["Ёёёёёёёёё"] * 10)         # 99 letters and hyphens, wider than a line
    lines = metrics().wrap(f"Слово {word}", 20_000.0)
    assert lines[0][0].endswith("-")


def test_a_line_with_no_room_left_keeps_its_words_and_the_long_word_starts_the_next():
    lines = metrics().wrap("Ё" * 40 + " " + "Ж" * 100, 20_000.0)   # the first word fills the line
    assert [t for t, _w in lines] == ["Ё" * 40, "Ж" * 40, "Ж" * 40, "Ж" * 20]
