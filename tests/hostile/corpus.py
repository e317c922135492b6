"""At least 60 hostile cases, by class of problem (issue 11), each a function that builds a
folder (a report and what lies beside it) and returns the report's path.

Every case is run through ``check``, every export format, ``new`` and the app (headless,
and a representative subset in a real pty) by the tests beside this file, with the same
demands: one line per problem, exit ≤ 2, bounded time, input unchanged, no raw control
byte in any output stream or text file.  ``fix`` says which change made the case pass.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "reports" / "2021.toml").read_text(encoding="utf-8")

# the data an adversary puts in: a window title, clear screen, a terminal report request
# (the answer would arrive as keys), the one-byte CSI, and BEL BS DEL NUL SUB
PAYLOAD = r"\u001b]0;PWNED\u0007\u001b[2J\u001b[6n\u009b6n\u0007\u0008\u007f\u0000\u001a"
RAW_PAYLOAD = "\x1b]0;PWNED\x07\x1b[2J\x1b[6n\x9b6n\x07\x08\x7f\x00\x1a"


@dataclass
class Case:
    id: str
    klass: int                       # the class of problem, 1–9
    build: Callable[[Path], Path]
    fix: str                         # what made it pass
    expect_in_check: str | None = None   # a text that must be in check's output
    check_exit: tuple[int, ...] = (0, 1, 2)
    pty: bool = False                # also run the real app in a pty
    notes: dict = field(default_factory=dict)


CASES: list[Case] = []


def case(id: str, klass: int, fix: str, **kwargs):
    def register(build):
        CASES.append(Case(id, klass, build, fix, **kwargs))
        return build
    return register


def write(folder: Path, text: str, name: str = "2021.toml") -> Path:
    reports = folder / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    path = reports / name
    path.write_text(text, encoding="utf-8")
    return path


def seed_with(old: str, new: str, count: int = 1) -> str:
    assert old in SEED, old
    return SEED.replace(old, new, count)


def in_field(field: str, payload: str = PAYLOAD, count: int = 1) -> str:
    """The seed with ``payload`` at the start of the first ``count`` values of ``field``."""
    done = {"n": 0}

    def put(match):
        done["n"] += 1
        return match.group(1) + payload if done["n"] <= count else match.group(0)

    return re.sub(rf'^({field} = ")', put, SEED, flags=re.M)


def journal_header(report: Path, **overrides) -> dict:
    from kedr_tui.core.loading import load

    header = {"kedr_journal": 1, "report": report.name, "sha256": load(report).stamp.sha256,
              "size": report.stat().st_size, "user": "ivanov", "host": "srv", "pid": 4242,
              "since": "2021-03-01T10:00:00+07:00"}
    header.update(overrides)
    return header


def set_entry(n: int, new, field: str = "fact", index: int = 2, old=None) -> dict:
    return {"n": n, "op": "apply", "edit": {"op": "set", "section": "indicators", "index": index,
                                            "field": field, "old": old, "new": new},
            "at": "2021-03-01T10:01:00+07:00"}


def write_journal(report: Path, lines: list, raw_tail: bytes = b"") -> Path:
    from kedr_tui.core.store import journal_path

    path = journal_path(report)
    data = b"".join((line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n"
                    for line in lines)
    path.write_bytes(data + raw_tail)
    return path


# ---------------------------------------------------------------- 1. control sequences

for _field, _n in (("name", 3), ("title", 3), ("executor", 3), ("act", 1), ("justification", 2),
                   ("unit", 1), ("position", 1), ("municipality", 1), ("summary", 1),
                   ("prev_note", 1), ("fact_note", 1)):
    case(f"controls-in-{_field}", 1, "safe_text.visible at every output",
         pty=_field in ("name", "executor"))(
        lambda folder, f=_field, n=_n: write(folder, in_field(f, count=n)))


@case("controls-in-formula", 1, "safe_text.visible: the W-FORMULA message quotes the formula",
      expect_in_check="W-FORMULA")
def _formula(folder):
    return write(folder, seed_with('formula = "ДПО=(20/30)*100"', f'formula = "{PAYLOAD}(20/30)*100"'))


@case("controls-in-unknown-key", 1, "safe_text.visible: E-SCHEMA names the unknown key",
      expect_in_check="E-SCHEMA")
def _unknown_key(folder):
    return write(folder, seed_with("year = 2021", f'year = 2021\n"x{PAYLOAD}y" = 1'))


@case("controls-in-narrative", 1, "safe_text.visible_text in the text export and detail pane")
def _narrative(folder):
    return write(folder, SEED + f'\n[narrative]\nintro = """\nНачало{PAYLOAD}\nконец"""\n'
                 if "[narrative]" not in SEED else
                 re.sub(r'(\[narrative\]\s*\nintro = """)', lambda m: m.group(1) + PAYLOAD, SEED))


@case("escape-in-a-cell-and-text-widths", 1,
      "text export sanitizes before tabulate measures: no false «таблица шириной» error")
def _cell(folder):
    return write(folder, in_field("executor", "\\u001b[31m\\u001b[1m\\u001b[4m" * 8, count=40))


@case("raw-escape-byte-in-a-comment", 1, "tomllib refuses it; the E-SYNTAX line is sanitized",
      expect_in_check="E-SYNTAX", check_exit=(1,))
def _raw_comment(folder):
    path = write(folder, "")
    path.write_bytes(SEED.encode().replace(b"format = 1", b"format = 1 # \x1b]0;PWNED\x07", 1))
    return path


@case("escape-in-the-folder-name", 1, "paths pass the sanitizer with the rest of the line")
def _folder_name(folder):
    odd = folder / "x\x1b]0;PWNED\x07y"
    odd.mkdir()
    return write(odd, seed_with("year = 2021", "year = 2021\ntypo = 1"))


@case("journal-header-with-escapes", 1, "the journal warning and the recovery dialog are sanitized",
      pty=True, notes={"dialog": "Найдены несохранённые правки"})
def _journal_escape(folder):
    report = write(folder, SEED)
    write_journal(report, [journal_header(report, user=f"iv\x1b]0;PWNED\x07\x9b6n",
                                          host="h\x1b[2J"),
                           set_entry(1, {"decimal": "98.5"})])
    return report


@case("lock-note-with-escapes", 1, "the read-only reason (who holds the lock) is sanitized",
      pty=True, notes={"hold_lock": True, "dialog": "Отчёт открыт только для просмотра"})
def _lock_note(folder):
    report = write(folder, SEED)
    return report


# ---------------------------------------------------------------- 2. not regular files

@case("report-is-a-fifo", 2, "read_regular: non-blocking open + fstat", check_exit=(2,),
      expect_in_check="канал FIFO")
def _fifo(folder):
    path = write(folder, "")
    path.unlink()
    os.mkfifo(path)
    return path


@case("report-links-to-dev-zero", 2, "read_regular: only regular files", check_exit=(2,),
      expect_in_check="устройство")
def _zero(folder):
    path = write(folder, "")
    path.unlink()
    path.symlink_to("/dev/zero")
    return path


@case("report-is-a-folder", 2, "read_regular", check_exit=(2,), expect_in_check="это папка")
def _dir(folder):
    path = write(folder, "")
    path.unlink()
    path.mkdir()
    return path


@case("report-too-large", 2, "read_regular: a stated 64 MB limit", check_exit=(2,),
      expect_in_check="слишком велик")
def _large(folder):
    path = write(folder, SEED)
    with open(path, "r+b") as handle:
        handle.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    return path


@case("report-symlink-loop", 2, "read_regular: ELOOP in Russian", check_exit=(2,),
      expect_in_check="символических ссылок")
def _loop(folder):
    path = write(folder, "")
    path.unlink()
    path.symlink_to(path.name)
    return path


@case("journal-is-a-fifo", 2, "read_regular for the journal", pty=True,
      expect_in_check="канал FIFO", notes={"dialog": "Журнал правок не подходит к файлу"})
def _journal_fifo(folder):
    from kedr_tui.core.store import journal_path

    report = write(folder, SEED)
    os.mkfifo(journal_path(report))
    return report


@case("journal-links-to-dev-zero", 2, "read_regular for the journal", expect_in_check="устройство")
def _journal_zero(folder):
    from kedr_tui.core.store import journal_path

    report = write(folder, SEED)
    journal_path(report).symlink_to("/dev/zero")
    return report


@case("journal-is-a-folder", 2, "read_regular; «это папка», never «Is a directory»",
      expect_in_check="это папка")
def _journal_dir(folder):
    from kedr_tui.core.store import journal_path

    report = write(folder, SEED)
    journal_path(report).mkdir()
    return report


@case("lock-note-is-a-fifo", 2, "read_regular for the lock note", notes={"hold_lock": True,
                                                                         "note": "fifo"})
def _note_fifo(folder):
    return write(folder, SEED)


@case("previous-year-is-a-fifo", 2, "read_regular for last year's report (W-PREV)")
def _prev_fifo(folder):
    report = write(folder, SEED)
    os.mkfifo(report.with_name("2020.toml"))
    return report


@case("style-like-neighbour-links-to-dev-zero", 2, "read_regular for last year's report")
def _prev_zero(folder):
    report = write(folder, SEED)
    report.with_name("2020.toml").symlink_to("/dev/zero")
    return report


# ---------------------------------------------------------------- 3. tracebacks

def _c(id, old, new, fix, expect=None, klass=3, exit_=(1,)):
    case(id, klass, fix, expect_in_check=expect, check_exit=exit_)(
        lambda folder, old=old, new=new: write(folder, seed_with(old, new)))


_c("formula-100-digits", 'formula = "ДПО=(20/30)*100"', 'formula = "ДПО=(' + "9" * 100 + '/30)*100"',
   "formula: at most 20 digits a number", "W-FORMULA", exit_=(0,))
_c("formula-result-out-of-range", 'formula = "ДПО=(20/30)*100"',
   'formula = "ДПО=(' + "*".join(["9" * 19] * 6) + ')"', "formula: a result beyond 10^18 is refused",
   "W-FORMULA", exit_=(0,))
_c("formula-deep-parentheses", 'formula = "ДПО=(20/30)*100"',
   'formula = "ДПО=' + "(" * 3000 + "1" + ")" * 3000 + '*2"', "formula: depth guard", exit_=(0,))
_c("integer-5000-digits", "plan = 90", "plan = " + "9" * 5000, "schema: int-string limit is E-SYNTAX",
   "E-SYNTAX")
_c("hex-16000-bit-plan", "plan = 90", "plan = 0x" + "f" * 4000, "numbers.shown in the message",
   "E-SCHEMA")
_c("hex-16000-bit-task", "task = 0", "task = 0x" + "f" * 4000, "schema: task range; numbers.shown",
   "E-SCHEMA")
_c("hex-16000-bit-year", "year = 2021", "year = 0x" + "f" * 4000, "numbers.shown", "E-SCHEMA")
_c("hex-16000-bit-format", "format = 1", "format = 0x" + "f" * 4000, "numbers.shown", "E-SCHEMA")
_c("nested-arrays-20000", "year = 2021", "year = 2021\nx = " + "[" * 20000 + "]" * 20000,
   "schema: RecursionError is E-SYNTAX with its place", "E-SYNTAX")
_c("nested-inline-tables-20000", "year = 2021", "year = 2021\nx = " + "{a=" * 20000 + "1" + "}" * 20000,
   "schema: RecursionError is E-SYNTAX with its place", "E-SYNTAX")
_c("float-exponent-99999", "plan = 90", "plan = 1e99999", "schema out_of_range", "E-SCHEMA")
_c("negative-huge-cash", "cash = 220.88", "cash = -" + "9" * 4000 + ".5", "schema out_of_range; shown",
   "E-SCHEMA")


# ---------------------------------------------------------------- 4. the journal

def _journal_case(id, entries, fix, raw_tail=b"", header=None):
    def build(folder):
        report = write(folder, SEED)
        write_journal(report, [journal_header(report, **(header or {})), *entries], raw_tail)
        return report
    case(id, 4, fix)(build)


_journal_case("journal-text-in-a-number", [set_entry(1, "abc")], "edits.from_json checks values")
_journal_case("journal-nan", [set_entry(1, {"decimal": "NaN"})], "edits.from_json checks values")
_journal_case("journal-huge-exponent", [set_entry(1, {"decimal": "1E+999999999"})],
              "edits.from_json: out_of_range (no minute-long formatting)")
_journal_case("journal-bad-decimal", [set_entry(1, {"decimal": "zz"})], "edits.from_json")
_journal_case("journal-negative-index", [set_entry(1, {"decimal": "1"}, index=-1)], "edits.from_json")
_journal_case("journal-glued-entries",
              [set_entry(1, {"decimal": "1"}), b'{"n": 2, "op": "apply", "ed{"n": 3}'
               , set_entry(3, {"decimal": "2"})], "damage before the end is «повреждён»")
_journal_case("journal-deep-json", [b"[" * 30000 + b"]" * 30000, set_entry(2, {"decimal": "1"})],
              "read_entries: RecursionError is damage")
_journal_case("journal-forged-pid", [set_entry(1, {"decimal": "1"})], "Owner.from_json validates",
              header={"pid": -1, "user": 5})
_journal_case("journal-not-utf8", [set_entry(1, {"decimal": "1"})], "msgspec refuses; damage",
              raw_tail=b"\xff\xfe\x00garbage")


@case("journal-leftover-new-files", 4, "Journal.clean_leftovers at open")
def _leftover(folder):
    from kedr_tui.core.store import journal_path

    report = write(folder, SEED)
    journal_path(report).with_name(journal_path(report).name + ".12345.new").write_text("{}")
    return report


# ---------------------------------------------------------------- 5. locks, links, temporaries

@case("report-through-a-symlink", 5, "Session resolves the real file once", pty=True,
      notes={"symlink": True})
def _through_link(folder):
    real = write(folder, SEED, "real.toml")
    link = real.with_name("2021.toml")
    link.symlink_to(real.name)
    return link


@case("planted-symlink-at-export-temporary", 5, "write_output: mkstemp (O_EXCL, random name)",
      notes={"plant_tmp": True})
def _planted(folder):
    return write(folder, SEED)


@case("planted-symlink-at-export-target", 5, "write_output: a link at the target is refused, neither written through nor replaced",
      notes={"plant_target": True})
def _planted_target(folder):
    return write(folder, SEED)


@case("lock-note-forged-user", 5, "read_owner: the note's file owner is who holds it",
      notes={"hold_lock": True, "note": "forged"})
def _forged(folder):
    return write(folder, SEED)


@case("lock-note-huge", 5, "read_regular: a lock note is at most 4 KB",
      notes={"hold_lock": True, "note": "huge"})
def _huge_note(folder):
    return write(folder, SEED)


# ---------------------------------------------------------------- 6. slow paths

_c("hyphen-pairs-10000", 'justification = "не проводился', 'justification = "' + "а-" * 10000 + 'не проводился',
   "text and PDF line breaking linear in the text", klass=6, exit_=(0,))
_c("one-word-100000", 'name = "Уровень', 'name = "' + "ж" * 100000 + 'Уровень',
   "line breaking linear; names clipped in messages", klass=6, exit_=(0,))
_c("many-short-words", 'justification = "не проводился', 'justification = "' + "а " * 50000 + 'не проводился',
   "line breaking linear", klass=6, exit_=(0,))


# ---------------------------------------------------------------- 7. line numbers

def _line_case(id, text, where, fix):
    case(id, 7, fix, expect_in_check=where)(lambda folder, text=text: write(folder, text))


_line_case("u2028-in-a-comment", seed_with("format = 1", "format = 1 # a\u2028b\u2029c\u0085d")
           .replace("year = 2021", "year = 2021\ntypo = 1"),
           "2021.toml:5:1: E-SCHEMA", "locate: lines end at LF only")
_line_case("escaped-triple-quote-in-a-multiline-string",
           seed_with('comment = """', 'comment = """\nв тексте \\""" кавычки\n', 1)
           .replace('unit = "Ед."', 'unit = "Ед."\ntypo = 1', 1),
           ":1: E-SCHEMA неизвестный ключ «typo»", "locate: escapes in multi-line strings")
_line_case("crlf-line-ends", SEED.replace("\n", "\r\n").replace("year = 2021", "year = 2021\r\ntypo = 1", 1),
           "2021.toml:5:1: E-SCHEMA", "locate: CRLF is one line end")


# ---------------------------------------------------------------- 8. schema holes

_c("format-true", "format = 1", "format = true", "schema: a boolean is not format 1", "E-SCHEMA", klass=8)
_c("format-float", "format = 1", "format = 1.0", "schema: format is an integer", "E-SCHEMA", klass=8)
_c("format-string", "format = 1", 'format = "1"', "schema", "E-SCHEMA", klass=8)
_c("code-with-leading-zero", 'code = "04.0.02.2"\ntitle', 'code = "04.0.02.02"\ntitle',
   "checks: canonical codes", "E-CODE", klass=8)


# ---------------------------------------------------------------- 9. messages

@case("new-into-a-read-only-folder", 9, "os_reason names the folder by its absolute path",
      notes={"readonly_folder": True})
def _readonly(folder):
    return write(folder, SEED)


@case("journal-folder-message-in-russian", 9, "no English strerror", expect_in_check="это папка")
def _journal_dir_msg(folder):
    from kedr_tui.core.store import journal_path

    report = write(folder, SEED)
    journal_path(report).mkdir()
    (journal_path(report) / "x").write_text("x")
    return report


@case("export-folder-is-a-file", 9, "os_reason: Russian, naming the folder",
      notes={"out_is_file": True})
def _out_is_file(folder):
    return write(folder, SEED)


assert len(CASES) >= 60, len(CASES)
assert {c.klass for c in CASES} == set(range(1, 10))
