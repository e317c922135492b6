"""Command line: open the app, ``check``, ``export``, ``new``, ``diff``.

Kept import-light: ``check`` must not pay for Textual, tomlkit or fpdf2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kedr_tui.core.errors import ReportError

COMMANDS = ("check", "export", "new", "diff")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that says what went wrong in one Russian line and exits 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: ошибка в аргументах: {message}\n")


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kedr-tui", description="Отчёт о реализации муниципальной программы: "
                     "редактирование, проверка, печать. Команды: check, export, new, diff.")
    parser.add_argument("report", nargs="?", help="файл отчёта (по умолчанию — самый новый reports/*.toml)")
    parser.add_argument("--review", action="store_true", help="только просмотр (для совещаний)")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kedr-tui")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="проверить отчёты и вывести все замечания")
    check.add_argument("reports", nargs="+", metavar="REPORT")
    check.add_argument("--strict", action="store_true", help="предупреждения тоже дают код 1")
    export = sub.add_parser("export", help="вывести отчёт в PDF, текст или JSON")
    export.add_argument("report")
    for kind, what in (("pdf", "PDF"), ("txt", "простой текст"), ("json", "JSON (- для stdout)")):
        export.add_argument(f"--{kind}", nargs="?", const="", default=None, metavar="PATH",
                            help=f"{what}; по умолчанию out/<год>.{kind}")
    new = sub.add_parser("new", help="создать отчёт на следующий год")
    new.add_argument("year", type=int)
    new.add_argument("--from", dest="source", metavar="REPORT",
                     help="отчёт прошлого года (по умолчанию reports/<год-1>.toml)")
    diff = sub.add_parser("diff", help="что изменилось между двумя версиями или годами отчёта",
                          description="Сравнить OLD и NEW (или REPORT с его версией в git: --rev). "
                          "Код выхода: 0 — отличий нет, 1 — есть, 2 — сравнение невозможно.")
    diff.add_argument("files", nargs="+", metavar="FILE", help="OLD NEW, или REPORT с --rev")
    diff.add_argument("--rev", metavar="REV", help="сравнить REPORT с его версией REV в git")
    diff.add_argument("--json", action="store_true", help="вывод в JSON для программ")
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help="цвет: auto — только в терминале и без NO_COLOR")
    diff.add_argument("--git-external", action="store_true", help=argparse.SUPPRESS)
    return parser


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _warn_journal(path: Path) -> None:
    try:
        from kedr_tui.core.store import journal_warning
    except ImportError:
        return
    warning = journal_warning(path)
    if warning:
        _say(warning)


def cmd_check(args) -> int:
    from kedr_tui.core.store import load

    worst = EXIT_OK
    for name in args.reports:
        path = Path(name)
        try:
            loaded = load(path)
        except ReportError as exc:
            _say(str(exc))
            worst = EXIT_USAGE
            continue
        _warn_journal(path)
        for finding in loaded.findings:
            print(finding.format(name))
        failing = loaded.has_errors or (args.strict and loaded.findings)
        if failing and worst == EXIT_OK:
            worst = EXIT_FINDINGS
    return worst


def _load_clean(name: str):
    """A report that can be used for output: errors are listed and refused (exit 1)."""
    from kedr_tui.core.store import load

    loaded = load(Path(name))
    if loaded.has_errors:
        for finding in loaded.findings:
            if finding.is_error:
                _say(finding.format(name))
        _say(f"{name}: в отчёте есть ошибки, вывод не сделан")
        return None
    _warn_journal(Path(name))
    return loaded


def cmd_export(args) -> int:
    from kedr_tui.export.files import default_path, render, write_output

    loaded = _load_clean(args.report)
    if loaded is None:
        return EXIT_FINDINGS
    wanted = {kind: getattr(args, kind) for kind in ("pdf", "txt", "json")}
    if all(value is None for value in wanted.values()):
        wanted = {"pdf": "", "txt": "", "json": ""}
    analysis = loaded.analysis
    for kind, target in wanted.items():
        if target is None:
            continue
        if kind == "json" and target == "-":
            sys.stdout.write(render("json", analysis).decode("utf-8"))
            continue
        path = Path(target) if target else default_path(kind, analysis.report.year)
        if path.resolve() == loaded.path.resolve():
            raise ReportError(str(path), "не буду записывать вывод поверх файла отчёта")
        warnings: list[str] = []
        print(write_output(kind, analysis, path, warnings))
        for warning in warnings:
            _say(f"{path}: {warning}")
    return EXIT_OK


def cmd_new(args) -> int:
    from kedr_tui.core.newyear import next_year
    from kedr_tui.core.store import save

    if not 1900 <= args.year <= 2999:
        _say(f"kedr-tui new: год {args.year} вне диапазона 1900–2999")
        return EXIT_USAGE
    source = Path(args.source) if args.source else Path("reports") / f"{args.year - 1}.toml"
    loaded = _load_clean(str(source))
    if loaded is None:
        return EXIT_FINDINGS
    if loaded.report.year >= args.year:  # last year's facts would become this year's «prev»
        _say(f"{source}: это отчёт за {loaded.report.year} год, а новый — за {args.year}: "
             "новый год строится на отчёте за прошлый год")
        return EXIT_USAGE
    target = source.with_name(f"{args.year}.toml")
    if target.exists():
        raise ReportError(str(target), "файл уже есть, не перезаписываю")
    report = next_year(loaded.report, args.year)
    save(target, report, loaded.text, loaded.report)
    print(target)
    return EXIT_OK


def _colour(choice: str, git: bool = False) -> bool:
    import os

    if choice != "auto":
        return choice == "always"
    if "NO_COLOR" in os.environ:
        return False
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty or (git and os.environ.get("GIT_PAGER_IN_USE") == "true")


def cmd_diff(args) -> int:
    if args.git_external:
        from kedr_tui.export.gitdiff import external

        return external(args.files, _colour(args.color, git=True))
    from kedr_tui.core.diff import compare
    from kedr_tui.core.store.versions import analysed_pair, read_revision, read_text
    from kedr_tui.export.diff import as_json, as_text

    if args.rev is not None:
        if len(args.files) != 1:
            _say("kedr-tui diff: с --rev указывается один файл отчёта: kedr-tui diff REPORT --rev REV")
            return EXIT_USAGE
        path = Path(args.files[0])
        old_name, new_name = f"{path}@{args.rev}", str(path)
        old_text, new_text = read_revision(path, args.rev), read_text(path)
    elif len(args.files) == 2:
        old_name, new_name = args.files
        old_text, new_text = read_text(Path(old_name)), read_text(Path(new_name))
    else:
        _say("kedr-tui diff: укажите два файла (kedr-tui diff OLD NEW) или файл и версию "
             "(kedr-tui diff REPORT --rev REV)")
        return EXIT_USAGE
    (old, old_figures), (new, new_figures) = analysed_pair((old_name, old_text), (new_name, new_text))
    diff = compare(old, new, old_figures, new_figures)
    if args.json:
        sys.stdout.write(as_json(diff, old_name, new_name))
    else:
        sys.stdout.write(as_text(diff, old_name, new_name, _colour(args.color)))
    return EXIT_OK if diff.empty else EXIT_FINDINGS


def newest_report(folder: Path = Path("reports")) -> Path:
    candidates = sorted(folder.glob("*.toml"), key=lambda p: (p.stem, p.stat().st_mtime))
    if not candidates:
        raise ReportError(str(folder), "нет отчётов (*.toml); укажите файл: kedr-tui ФАЙЛ")
    return candidates[-1]


def _need_terminal() -> None:
    """The app draws on a terminal and reads keys from one; without it, say what to use instead
    (input at its end from the start, e.g. ``< /dev/null``, would leave nothing to do)."""
    for stream, what in ((sys.stdin, "ввод"), (sys.stdout, "вывод")):
        try:
            ok = stream is not None and stream.isatty()
        except (AttributeError, ValueError):
            ok = False
        if not ok:
            raise ReportError("kedr-tui", f"стандартный {what} — не терминал, а приложению нужен "
                              "терминал; без него работают kedr-tui check и kedr-tui export")


def cmd_open(args) -> int:
    path = Path(args.report) if args.report else newest_report()
    _need_terminal()
    from kedr_tui.ui.app import run_app

    return run_app(path, review=args.review)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            return {"check": cmd_check, "export": cmd_export, "new": cmd_new,
                    "diff": cmd_diff}[args.command](args)
        return cmd_open(_open_parser().parse_args(argv))
    except ReportError as exc:
        _say(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
