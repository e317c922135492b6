"""Reports to compare: a file, or a file as it was in a git revision.

The diff needs only the model (no checks): a text that is not a usable report
(TOML syntax, schema) is a ReportError with its place, exit 2.  Its figures are
worked out above the store (``core.loading.analysed_pair``).  An older
version comes from ``git show REV:./NAME`` run beside the file, read from
git's output: no temporary file is written.
"""

from __future__ import annotations

import os
import subprocess
from decimal import Decimal
from pathlib import Path

from kedr_tui.core.errors import ReportError
from kedr_tui.core.locate import Locator
from kedr_tui.core.model import Report
from kedr_tui.core.schema import build, parse, tomllib  # (compiled tomli, as the schema reads)
from kedr_tui.core.store import parsed_cache
from kedr_tui.core.store.report import MAX_BYTES, decode, read_bytes, sha256_of
from kedr_tui.core import wording

GIT_TIMEOUT = 60


def report_of(label: str, text: str) -> Report:
    """The model of a report text, or ReportError at its first error (``label:line:col``);
    through the cache of parsed reports (``parsed_cache``) when the text is big enough."""
    data = text.encode("utf-8")
    sha = sha256_of(data) if parsed_cache.enabled(len(data)) else None
    if sha is not None and (entry := parsed_cache.lookup(sha)) is not None and not entry.findings:
        return entry.report
    try:
        # places in the file are needed only for an error: the line index costs as much
        # as a third of tomllib's time, so it is built only then
        parsed = build(tomllib.loads(text, parse_float=Decimal), Locator(""))
    except tomllib.TOMLDecodeError:
        parsed = None
    if parsed is None or any(f.is_error for f in parsed.findings):
        parsed = parse(text)
    errors = [f for f in parsed.findings if f.is_error]
    if sha is not None and parsed.report is not None:
        parsed_cache.store(sha, parsed.report, parsed.findings, parsed.unsure)
    if parsed.report is None or errors:
        first = errors[0] if errors else parsed.findings[0]
        raise ReportError(label, wording.version_unusable(first.code, first.message, len(errors) - 1),
                          first.line, first.column)
    return parsed.report


def read_text(path: Path) -> str:
    return decode(path, read_bytes(path))


def _git(path: Path, args: list[str], label: str) -> bytes:
    """git's output for ``args`` run beside ``path``, or ReportError with the reason."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(str(path), wording.no_folder(folder))
    env = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, env=env,
                              timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise ReportError(label, wording.GIT_MISSING) from None
    except subprocess.TimeoutExpired:
        raise ReportError(label, wording.git_timeout(GIT_TIMEOUT)) from None
    except OSError as exc:
        raise ReportError(label, wording.git_fails(exc.strerror or exc)) from None
    if done.returncode != 0:
        rev = args[-1].partition(":")[0] if args[0] == "show" else ""
        raise ReportError(label, _git_reason(done.stderr.decode("utf-8", "replace"), folder, path, rev))
    return done.stdout


def read_revision(path: Path, rev: str) -> str:
    """The text of ``path`` as it was in git revision ``rev``."""
    label = f"{path}@{rev}"
    if not rev or rev.startswith("-") or any(ch in rev for ch in "\0\n"):
        raise ReportError(label, wording.revision_invalid(rev))
    data = _git(path, ["show", "--no-textconv", f"{rev}:./{path.name}"], label)
    if len(data) > MAX_BYTES:
        raise ReportError(label, wording.too_large(MAX_BYTES, len(data)))
    return decode(Path(label), data)


def revision_on(path: Path, day) -> str | None:
    """The last git commit that changed ``path`` by the end of ``day``, or None."""
    out = _git(path, ["log", "-1", "--format=%H", f"--before={day.isoformat()} 23:59:59", "--",
                      f"./{path.name}"], str(path))
    sha = out.decode("ascii", "replace").strip()
    return sha or None


def _git_reason(stderr: str, folder: Path, path: Path, rev: str) -> str:
    from kedr_tui.core.safe_text import visible

    text = stderr.lower()
    if "not a git repository" in text:
        return wording.not_in_git(folder)
    if "does not exist in" in text or "exists on disk, but not in" in text:
        return wording.no_file_in_revision(rev, path.name)
    if "invalid object name" in text or "unknown revision" in text or "bad revision" in text:
        return wording.no_revision(rev)
    first = next((line for line in stderr.splitlines() if line.strip()), wording.GIT_SILENT)
    return f"git: {visible(first.strip())}"


def base_version(path: Path, since: str) -> tuple[str, Report]:
    """The version of ``path`` to compare with: the file ``since`` if there is one, else the
    git revision ``since`` of ``path``.  (label, model), or ReportError (exit 2)."""
    candidate = Path(since)
    if candidate.is_file():
        return since, report_of(since, read_text(candidate))
    if candidate.suffix == ".toml" or candidate.exists():
        return since, report_of(since, read_text(candidate))    # says why it can't be read
    label = f"{path.name}@{since}"
    return since, report_of(label, read_revision(path, since))
