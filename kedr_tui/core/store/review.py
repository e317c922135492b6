"""The review file beside a report: ``reports/<year>.review.toml``, read and written.

Written only by the app and the CLI, so it is rendered whole (tomlkit, for
correct quoting) rather than edited in place; it gets the report's safety:
an atomic save with a ``~`` backup (``atomic``), a check that nobody changed
it since it was read (``changes``), one writer (``lock``) and a journal of
every change (``journal``).  Nothing here ever opens the report for writing.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path

from msgspec import Struct

from kedr_tui.core import identity
from kedr_tui.core.errors import ReportError
from kedr_tui.core.review import Meeting, ParsedReview, Review, parse_review
from kedr_tui.core.store.report import Stamp, decode, read_bytes, sha256_of, stamp_of
from kedr_tui.core import wording

SUFFIX = ".review.toml"
MAX_BYTES = 16 * 1024 * 1024


def review_path(report: Path) -> Path:
    """``reports/2021.toml`` -> ``reports/2021.review.toml``."""
    report = Path(report)
    return report.with_name(f"{report.stem}{SUFFIX}")


def is_review_file(path: Path) -> bool:
    return Path(path).name.endswith(SUFFIX)


class LoadedReview(Struct, frozen=True):
    path: Path
    text: str                     # "" when there is no file yet
    parsed: ParsedReview
    stamp: Stamp | None           # None when there is no file yet

    @property
    def exists(self) -> bool:
        return self.stamp is not None

    @property
    def review(self) -> Review | None:
        return self.parsed.review if self.exists else None

    @property
    def findings(self):
        return self.parsed.findings

    @property
    def has_errors(self) -> bool:
        return self.parsed.has_errors

    @property
    def sha256(self) -> str:
        return self.stamp.sha256 if self.stamp is not None else sha256_of(b"")


def load_review(report: Path) -> LoadedReview:
    """The review of ``report``; an absent file is an empty, not-yet-existing review.

    ReportError (exit 2) when the file exists but can't be read or decoded.
    """
    report = Path(report)
    path = review_path(report)
    if not path.exists() and not path.is_symlink():
        return LoadedReview(path, "", ParsedReview(Review(report.name), ()), None)
    if path.stat().st_size > MAX_BYTES:
        raise ReportError(str(path), wording.unreadable(wording.REVIEW_FILE,
                                                        wording.too_large(MAX_BYTES, path.stat().st_size)))
    data = read_bytes(path)
    text = decode(path, data)
    return LoadedReview(path, text, parse_review(text, report.name), stamp_of(path, data))


# ---------------------------------------------------------------- writing

def _value(value):
    """A TOML item for a review value: numbers with the digits as entered (``91.20`` stays),
    multi-line comments as multi-line strings starting on their own line."""
    import tomlkit
    from tomlkit.items import Float, String, StringType, Trivia

    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." not in text:
            return tomlkit.integer(int(value))
        return Float(float(value), Trivia(), text)
    if isinstance(value, str) and "\n" in value and "\r" not in value:
        original = tomlkit.string(value, multiline=True)._original
        if not value.startswith("\n"):  # tomlkit trims a first newline; the text starts below
            original = "\n" + original
        return String(StringType.MLB, value, original, Trivia())
    if isinstance(value, str):
        return tomlkit.string(value)
    return tomlkit.item(value)


def _inline(data: dict):
    import tomlkit

    table = tomlkit.inline_table()
    for key, value in data.items():
        table[key] = _value(value)
    return table


def _meeting(table, meeting: Meeting) -> None:
    import tomlkit

    for key in ("number", "date", "chair", "secretary"):
        value = getattr(meeting, key)
        if value:
            table[key] = _value(value)
    if meeting.participants:
        people = tomlkit.array()
        people.extend(meeting.participants)
        if sum(len(p) for p in meeting.participants) > 60:
            people.multiline(True)
        table["participants"] = people
    for key in ("rating", "rating_reason", "decision", "program_decision"):
        value = getattr(meeting, key)
        if value:
            table[key] = _value(value)


def render_review(review: Review) -> str:
    """The review as the file's text: the same review always gives the same text."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment(wording.REVIEW_FILE_HEADER))
    doc["format"] = review.format
    doc["report"] = review.report
    doc["status"] = review.status
    if not review.meeting.empty:
        table = tomlkit.table()
        _meeting(table, review.meeting)
        doc["meeting"] = table
    if review.history:
        aot = tomlkit.aot()
        for old in review.history:
            table = tomlkit.table()
            _meeting(table, old)
            aot.append(table)
        doc["history"] = aot
    if review.marks:
        aot = tomlkit.aot()
        for mark in review.marks:
            table = tomlkit.table()
            table["row"] = _inline(identity.to_table(mark.row))
            table["status"] = mark.status
            if mark.comment:
                table["comment"] = _value(mark.comment)
            if mark.author:
                table["author"] = _value(mark.author)
            if mark.made is not None:
                table["made"] = mark.made.replace(microsecond=0, tzinfo=None)
            table["seen"] = _inline(mark.seen)
            aot.append(table)
        doc["marks"] = aot
    if review.assignments:
        aot = tomlkit.aot()
        for item in review.assignments:
            table = tomlkit.table()
            table["row"] = _inline(identity.to_table(item.row))
            table["text"] = _value(item.text)
            if item.responsible:
                table["responsible"] = _value(item.responsible)
            if item.due is not None:
                table["due"] = item.due
            table["done"] = item.done
            aot.append(table)
        doc["assignments"] = aot
    return tomlkit.dumps(doc)


def write_review(path: Path, text: str) -> Stamp:
    """Write the review text atomically (backup ``~`` kept); ReportError if it can't be."""
    from kedr_tui.core.store.atomic import write_atomic, write_error

    path = Path(path)
    if not is_review_file(path):  # never anything else, least of all the report
        raise ReportError(str(path), wording.NOT_A_REVIEW_FILE)
    try:
        write_atomic(path, text)
        return stamp_of(path, text.encode("utf-8"))
    except OSError as exc:
        raise write_error(path, exc) from None


def today() -> _dt.date:
    """Today's date; ``KEDR_TODAY=2022-07-01`` fixes it (tests, and a meeting held after midnight)."""
    import os

    fixed = os.environ.get("KEDR_TODAY", "").strip()
    if fixed:
        try:
            return _dt.date.fromisoformat(fixed)
        except ValueError:
            raise ReportError("KEDR_TODAY", wording.kedr_today_not_a_date(fixed)) from None
    return _dt.date.today()
