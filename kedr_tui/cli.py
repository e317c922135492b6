"""Command line: open the app, ``check``, ``export``, ``new``, ``diff``.

Kept import-light: ``check`` must not pay for Textual, tomlkit or fpdf2.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from kedr_tui import cli_wording as cw
from kedr_tui.core.errors import KedrError, ReportError
from kedr_tui.core.safe_text import visible
from kedr_tui.export import wording as export_wording

COMMANDS = ("check", "export", "new", "diff", "protocol")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that says what went wrong in one Russian line and exits 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.print_usage(sys.stderr)
        # the message repeats what was typed (a pasted name, a file name from a glob)
        line = cw.usage_error(self.prog, cw.usage_message(message)).rstrip("\n")
        self.exit(EXIT_USAGE, visible(line) + "\n")

    def format_usage(self) -> str:
        usage = super().format_usage()
        return cw.USAGE + usage[len("usage:"):] if usage.startswith("usage:") else usage


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kedr-tui", description=cw.DESCRIPTION)
    parser.add_argument("report", nargs="?", help=cw.HELP_REPORT)
    parser.add_argument("--review", action="store_true", help=cw.HELP_REVIEW_MODE)
    parser.add_argument("--since", metavar="REV|FILE",
                        help=cw.HELP_SINCE)
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kedr-tui")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help=cw.HELP_CHECK)
    check.add_argument("reports", nargs="+", metavar="REPORT")
    check.add_argument("--strict", action="store_true", help=cw.HELP_STRICT)
    check.add_argument("--review", action="store_true",
                       help=cw.HELP_CHECK_REVIEW)
    export = sub.add_parser("export", help=cw.HELP_EXPORT)
    export.add_argument("report")
    for kind in ("pdf", "txt", "json"):
        export.add_argument(f"--{kind}", nargs="?", const="", default=None, metavar="PATH",
                            help=cw.export_option(kind))
    protocol = sub.add_parser("protocol", help=cw.HELP_PROTOCOL)
    protocol.add_argument("report")
    for kind in ("pdf", "txt"):
        protocol.add_argument(f"--{kind}", nargs="?", const="", default=None, metavar="PATH",
                              help=cw.protocol_option(kind))
    new = sub.add_parser("new", help=cw.HELP_NEW)
    new.add_argument("year", type=_year, metavar="YEAR")
    new.add_argument("--from", dest="source", metavar="REPORT",
                     help=cw.HELP_NEW_FROM)
    diff = sub.add_parser("diff", help=cw.HELP_DIFF,
                          description=cw.DIFF_DESCRIPTION)
    diff.add_argument("files", nargs="+", metavar="FILE", help=cw.HELP_DIFF_FILES)
    diff.add_argument("--rev", metavar="REV", help=cw.HELP_DIFF_REV)
    diff.add_argument("--json", action="store_true", help=cw.HELP_DIFF_JSON)
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help=cw.HELP_COLOR)
    diff.add_argument("--git-external", action="store_true", help=argparse.SUPPRESS)
    return parser


def _year(text: str) -> int:
    """The year typed on the command line, read by the one number parser."""
    from kedr_tui.core.numbers import NumberError, parse_integer

    try:
        return parse_integer(text)
    except NumberError:
        raise argparse.ArgumentTypeError(cw.year_invalid(text)) from None


def _say(text: str) -> None:
    """One line to stderr; data in it (names, paths, messages) never reaches the terminal raw."""
    print(visible(text), file=sys.stderr)


def _tell(text) -> None:
    """One line to stdout, made safe like ``_say``."""
    print(visible(text))


def _warn_journal(path: Path) -> None:
    try:
        from kedr_tui.core.store import journal_warning
    except ImportError:
        return
    warning = journal_warning(path)
    if warning:
        _say(warning)


def cmd_check(args) -> int:
    from kedr_tui.core.loading import load

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
            _tell(finding.format(name))
        failing = loaded.has_errors or (args.strict and loaded.findings)
        if args.review:
            try:
                failing = _check_review(path, loaded) or failing
            except ReportError as exc:
                _say(str(exc))
                worst = EXIT_USAGE
                continue
        if failing and worst == EXIT_OK:
            worst = EXIT_FINDINGS
    return worst


def _check_review(path: Path, loaded) -> bool:
    """Print the review's problems and reminders; True when something is wrong or overdue."""
    from kedr_tui.core.review import reminder_findings, review_findings
    from kedr_tui.core.store.review import load_review, today

    review = load_review(path)
    where = str(review.path)
    if not review.exists:
        return False

    for finding in review.findings:
        print(visible(finding.format(where)))
    if review.review is None:
        return True
    report = loaded.report if not loaded.has_errors else None
    rating = loaded.analysis.derived.evaluation.rating if loaded.analysis else None
    extra = review_findings(review.review, rating) + reminder_findings(review.review, report, today())
    for finding in extra:  # comments and names are the file's: no escape reaches the terminal
        print(visible(finding.format(where)))
    return review.has_errors or any(f.code == "W-OVERDUE" for f in extra)


def _review_of(loaded):
    """The report's review for printing, or None; ReportError if it can't be used."""
    from kedr_tui.core.store.review import load_review

    review = load_review(loaded.path)
    if not review.exists:
        return None
    if review.has_errors or review.review is None:
        for finding in review.findings:
            if finding.is_error:
                _say(finding.format(str(review.path)))
        raise ReportError(str(review.path), cw.REVIEW_HAS_ERRORS, exit_code=EXIT_FINDINGS)
    return review.review


def cmd_protocol(args) -> int:
    from kedr_tui.export.files import write_bytes

    piped = _one_to_stdout({kind: getattr(args, kind) for kind in ("pdf", "txt")})
    loaded = _load_clean(args.report)
    if loaded is None:
        return EXIT_FINDINGS
    review = _review_of(loaded)
    if review is None:
        from kedr_tui.core.store.review import review_path

        raise ReportError(str(review_path(loaded.path)), cw.NOT_REVIEWED)
    wanted = {kind: getattr(args, kind) for kind in ("pdf", "txt")}
    if all(value is None for value in wanted.values()):
        wanted = {"pdf": "", "txt": ""}
    year = loaded.report.year
    for kind, target in wanted.items():
        if target is None:
            continue
        if kind == "txt":
            from kedr_tui.export.protocol import protocol_text

            data, missing = protocol_text(loaded.analysis, review).encode("utf-8"), []
            if target == "-":
                sys.stdout.write(data.decode("utf-8"))
                continue
        else:
            from kedr_tui.export.protocol import protocol_pdf

            data, missing = protocol_pdf(loaded.analysis, review)
            if target == "-":
                _to_stdout(data)
                for warning in missing:
                    _say(f"-: {warning}")
                continue
        path = Path(target) if target else Path("out") / f"{year}.protocol.{kind}"
        (_say if piped else _tell)(write_bytes(path, data))
        for warning in missing:
            _say(f"{path}: {warning}")
    return EXIT_OK


def _to_stdout(data: bytes) -> None:
    """An output's bytes on stdout (text as UTF-8 whatever the locale; a PDF as it is, but
    never to a terminal: its bytes would reach it as control sequences)."""
    if data.startswith(b"%PDF") and sys.stdout.isatty():
        raise ReportError("-", cw.PDF_NOT_TO_TERMINAL)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _load_clean(name: str):
    """A report that can be used for output: errors are listed and refused (exit 1)."""
    from kedr_tui.core.loading import load

    loaded = load(Path(name))
    if loaded.has_errors:
        for finding in loaded.findings:
            if finding.is_error:
                _say(finding.format(name))
        _say(cw.report_has_errors(name))
        return None
    _warn_journal(Path(name))
    return loaded


def _one_to_stdout(wanted: dict) -> bool:
    """At most one output on stdout (two would be one unusable stream); when one is there,
    the files written beside it are named on stderr, not in that stream."""
    to_stdout = [kind for kind, target in wanted.items() if target == "-"]
    if len(to_stdout) > 1:
        raise ReportError("-", cw.one_output_to_stdout(len(to_stdout)))
    return bool(to_stdout)


def cmd_export(args) -> int:
    from kedr_tui.export.files import default_path, render, write_output

    piped = _one_to_stdout({kind: getattr(args, kind) for kind in ("pdf", "txt", "json")})
    loaded = _load_clean(args.report)
    if loaded is None:
        return EXIT_FINDINGS
    wanted = {kind: getattr(args, kind) for kind in ("pdf", "txt", "json")}
    if all(value is None for value in wanted.values()):
        wanted = {"pdf": "", "txt": "", "json": ""}
    analysis = loaded.analysis
    draft = False
    if wanted.get("pdf") is not None:
        draft = _is_draft(loaded)
    source = loaded.path
    del loaded          # the text read and its bytes (34 MB at 10 000 indicators): not needed now
    for kind, target in wanted.items():
        if target is None:
            continue
        if target == "-":           # to stdout, as `--json -` always did; never a file named «-»
            warnings = []
            _to_stdout(render(kind, analysis, warnings, draft=draft))
            for warning in warnings:
                _say(f"-: {warning}")
            continue
        path = Path(target) if target else default_path(kind, analysis.report.year)
        if path.resolve() == source.resolve():
            raise ReportError(str(path), export_wording.WONT_OVERWRITE_REPORT)
        warnings: list[str] = []
        (_say if piped else _tell)(write_output(kind, analysis, path, warnings, draft=draft))
        for warning in warnings:
            _say(f"{path}: {warning}")
    return EXIT_OK


def _is_draft(loaded) -> bool:
    """The report's PDF says «ПРОЕКТ»: it is under review and not accepted yet."""
    from kedr_tui.core.review import is_draft_print
    from kedr_tui.core.store.review import load_review

    try:
        review = load_review(loaded.path)
    except ReportError as exc:
        _say(cw.draft_pdf(exc))
        return True
    if not review.exists:
        return False
    return review.review is None or is_draft_print(review.review)


def cmd_new(args) -> int:
    from kedr_tui.core.newyear import next_year, retitle
    from kedr_tui.core.store import save

    if not 1900 <= args.year <= 2999:
        _say(cw.year_out_of_range(args.year))
        return EXIT_USAGE
    source = Path(args.source) if args.source else _reports_folder() / f"{args.year - 1}.toml"
    if not args.source and not any(source.parent.glob("*.toml")):
        return _new_first(source.with_name(f"{args.year}.toml"), args.year)
    loaded = _load_clean(str(source))
    if loaded is None:
        return EXIT_FINDINGS
    if loaded.report.year != args.year - 1:  # its facts would become this year's «prev»
        _say(cw.new_from_wrong_year(source, loaded.report.year, args.year))
        return EXIT_USAGE
    target = source.with_name(f"{args.year}.toml")
    if target.exists():
        raise ReportError(str(target), cw.FILE_EXISTS)
    report = next_year(loaded.report, args.year)
    save(target, report, retitle(loaded.text, loaded.report.year, args.year), loaded.report)
    _tell(target)
    return EXIT_OK


def _reports_folder() -> Path:
    """``reports/`` here, or this folder when it is one (it holds ``<year>.toml`` reports and
    has no ``reports/`` of its own): run from inside it, a report is never made one deeper."""
    folder = Path("reports")
    if not folder.is_dir() and any(p.stem.isdigit() and len(p.stem) == 4
                                   for p in Path(".").glob("*.toml")):
        return Path(".")
    return folder


def _new_first(target: Path, year: int) -> int:
    """A programme's first report, when the folder holds no report to start from."""
    from kedr_tui.core.newyear import first_report
    from kedr_tui.core.store.report import write_text

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from kedr_tui.core.store.atomic import write_error

        raise write_error(target, exc) from None
    write_text(target, first_report(year))
    _say(cw.new_first_report(target.parent, year))
    _tell(target)
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
    from kedr_tui.core.loading import analysed_pair
    from kedr_tui.core.store.versions import read_revision, read_text
    from kedr_tui.export.diff import as_json, as_text

    if args.rev is not None:
        if len(args.files) != 1:
            _say(cw.DIFF_REV_ONE_FILE)
            return EXIT_USAGE
        path = Path(args.files[0])
        old_name, new_name = f"{path}@{args.rev}", str(path)
        old_text, new_text = read_revision(path, args.rev), read_text(path)
    elif len(args.files) == 2:
        old_name, new_name = args.files
        old_text, new_text = read_text(Path(old_name)), read_text(Path(new_name))
    else:
        _say(cw.DIFF_TWO_FILES)
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
        raise ReportError(str(folder), cw.NO_REPORTS)
    return candidates[-1]


def _need_terminal() -> None:
    """The app draws on a terminal and reads keys from one; without it, say what to use instead
    (input at its end from the start, e.g. ``< /dev/null``, would leave nothing to do)."""
    for stream, what in ((sys.stdin, "input"), (sys.stdout, "output")):
        try:
            ok = stream is not None and stream.isatty()
        except (AttributeError, ValueError):
            ok = False
        if not ok:
            raise ReportError("kedr-tui", cw.no_terminal(what))


def cmd_open(args) -> int:
    path = Path(args.report) if args.report else newest_report()
    since = None
    if args.since is not None:
        from kedr_tui.core.store.versions import base_version

        since = base_version(path, args.since)
    _need_terminal()
    from kedr_tui.ui.app import run_app

    return run_app(path, review=args.review, since=since)


def run() -> int:
    """The ``kedr-tui`` command: ``main``, then an exit that costs nothing.

    Python's finalization collects garbage over every object still alive, imported
    modules included; after ``export --pdf`` that is fpdf2 and fontTools, about 0.1 s of
    CPU (a fifth of the whole process) to free memory the process gives back anyway.
    Frozen, they are left out of those passes; what the command wrote is closed already
    and stdout is still flushed at exit.  (``main`` itself freezes nothing: tests call it.)"""
    code = main()
    gc.freeze()
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            return {"check": cmd_check, "export": cmd_export, "new": cmd_new,
                    "diff": cmd_diff, "protocol": cmd_protocol}[args.command](args)
        return cmd_open(_open_parser().parse_args(argv))
    except KedrError as exc:  # every expected failure (core/errors.py): one line, its exit code
        _say(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
