"""Places in a report file (core/locate.py): the records are found up front, a record's
keys when first asked for; both must say what a line-by-line reading says."""

from __future__ import annotations

from kedr_tui.core.locate import Locator

TEXT = '''format = 1
year = 2021

[program]
code = "04"   # a comment
title = """Многострочное
[[indicators]]
name = "не ключ: внутри строки"
"""
  goal = "цель"

[[indicators]]
name = "первый"
comment = """один\\"""
fact = 1
"""
plan = 2

[[indicators]]
"name" = 'второй'
note = \'\'\'a\'\'\' plan = 3
fact = 5
'''


def test_records_and_keys_are_where_a_line_by_line_reading_finds_them():
    at = Locator(TEXT)
    assert at.place("year") == (2, 1)
    assert at.place("program") == (4, 1)
    assert at.place("program", "title") == (6, 1)
    assert at.place("program", "goal") == (10, 3)
    assert at.place("indicators", 0) == (12, 1)
    assert at.place("indicators", 0, "name") == (13, 1)
    # an escaped quote does not close the string: «fact = 1» is inside it
    assert at.place("indicators", 0, "plan") == (17, 1)
    assert at.place("indicators", 0, "fact") is None
    assert at.place("indicators", 1) == (19, 1)
    assert at.place("indicators", 1, "name") == (20, 1)
    assert at.place("indicators", 1, "fact") == (22, 1)
    assert at.place("indicators", 2) is None
    assert at.find("indicators", 1, "nothing") == (19, 1)     # its record, then
    assert at.find("tasks", 0, "title") == (1, 1)             # the top of the file


def test_a_string_never_closed_hides_every_line_after_it():
    at = Locator('a = 1\n[t]\nb = """open\n[u]\nc = 2\n')
    assert at.place("t", "b") == (3, 1)
    assert at.place("u") is None and at.place("u", "c") is None and at.place("t", "c") is None


def test_the_first_of_a_top_level_key_and_a_table_of_one_name_wins():
    assert Locator("[program]\nx = 1\n").place("program") == (1, 1)
    at = Locator('program = 1\n\n[program]\nx = 1\n[program]\ny = 2\n')
    assert at.place("program") == (1, 1)
    assert at.place("program", "y") == (6, 1)                 # a table given twice: both parts
