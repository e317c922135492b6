"""A cache of parsed reports: the model of a text already read, without reading it again.

Parsing a report is most of what opening it costs: tomli's parse and building the model
take 0.45 s of the first frame's 0.9 s on a 2 000-indicator / 10 000-row report (4 MB).
What ``schema.parse`` made of a text is kept here, per user, in
``$XDG_CACHE_HOME/kedr-tui/`` (``~/.cache/kedr-tui/``; never beside the report: the
``reports/`` folder is shared and kept in git), one file per text, and read back in
about 40 ms.

- The key is the SHA-256 of the file's exact bytes (what ``Stamp.sha256`` is, so it is
  worked out once) and a fingerprint of everything that shapes a parse: the sources of
  the modules ``schema`` builds the model and the findings' messages with, this cache's
  own format, and the versions of Python, msgspec and tomli.  An edit of ``schema.py``
  in a checkout is another key, never a stale entry.
- The value is msgpack (msgspec), decoded into the model's own types; never pickle.  A
  checksum of it, and the key inside it, are checked when it is read.  An entry that is
  not exactly right for the key (truncated, damaged, of another format or key, not ours,
  not a regular file, unreadable) is as good as none: the text is parsed, and the entry
  written again.  Nothing here ever raises: a cache that can't be used is not used.
- Only a text that is a report (a model, whatever its findings) is kept, and only a
  text of ``MIN_BYTES`` or more: a small report parses in less time than it takes to
  hash it and read an entry.  The line index (``Locator``) is not kept: it is made
  from the text, and scans it only when a place is first asked for.
- Entries are written atomically (a temporary file, then a rename), mode 0600, in a
  folder of mode 0700 that must be ours and writable by no one else; the least
  recently used ones go when there are more than ``MAX_ENTRIES`` or ``MAX_TOTAL``
  bytes of them.
- ``KEDR_TUI_NO_CACHE=1`` turns it off; deleting the folder clears it.
"""

from __future__ import annotations

import os
import stat
import sys
from functools import cache
from pathlib import Path

import msgspec

from kedr_tui.core.errors import Finding
from kedr_tui.core.model import Report

#: this cache's own format: a change of the entry's layout changes it
FORMAT = 1
OFF = "KEDR_TUI_NO_CACHE"
#: texts shorter than this are parsed (the seed, 23 KB, in about 3 ms): no cache for them
MIN_BYTES = 256 * 1024
MAX_ENTRIES = 24
MAX_TOTAL = 256 * 1024 * 1024
#: an entry larger than this is not read (a report is at most 64 MB: see ``regular``)
MAX_ENTRY = 160 * 1024 * 1024
SUFFIX = ".parsed"
_MAGIC = b"kedr-tui parsed\n"
_SUM = 32                                   # bytes of SHA-256
#: the modules whose code decides what ``schema.parse`` makes of a text (a test checks
#: that every module ``schema`` imports is here)
SHAPING = ("kedr_tui.core.errors", "kedr_tui.core.fields", "kedr_tui.core.locate",
           "kedr_tui.core.model", "kedr_tui.core.numbers", "kedr_tui.core.schema",
           "kedr_tui.core.wording", __name__)


class Entry(msgspec.Struct, array_like=True):
    """What a cache file holds: the key it was written for, and the parse."""

    key: str
    report: Report
    findings: tuple[Finding, ...]
    unsure: frozenset[tuple[str, int | None, str | None]]


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(Entry)


def _sha256(data: bytes):
    import hashlib  # 3 ms (OpenSSL): only when a text is big enough to be cached

    return hashlib.sha256(data)


def enabled(size: int) -> bool:
    """Whether a text of ``size`` bytes goes through the cache at all."""
    off = os.environ.get(OFF, "").strip() not in ("", "0")
    return size >= MIN_BYTES and not off


@cache
def fingerprint() -> bytes:
    """What, besides the text, decides a parse: the code and its libraries' versions.
    Empty when a module's source can't be read (then nothing is cached)."""
    import importlib

    import tomli

    digest = _sha256(repr((FORMAT, sys.version, sys.implementation.cache_tag, msgspec.__version__,
                           getattr(tomli, "__version__", "?"))).encode())
    try:
        for name in SHAPING:
            module = importlib.import_module(name)
            digest.update(name.encode() + b"\0" + Path(module.__file__).read_bytes() + b"\0")
    except (OSError, TypeError, ImportError):   # no source (``__file__`` None), unreadable
        return b""
    return digest.digest()


def key_of(content_sha256: str) -> str | None:
    """The cache key of a text whose bytes have this SHA-256 (hex); None: no cache."""
    code = fingerprint()
    if not code:
        return None
    return _sha256(code + content_sha256.encode("ascii")).hexdigest()


def folder() -> Path | None:
    """The cache's folder as the environment names it (it may not exist yet); None when
    there is no absolute place for it (no home)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):         # the XDG spec: a relative path is to be ignored
        try:
            home = os.path.expanduser("~")
        except (KeyError, RuntimeError, OSError):
            return None
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "kedr-tui"


def _ours(st: os.stat_result) -> bool:
    return st.st_uid == os.geteuid()


def _usable(where: Path) -> bool:
    """The folder is ours and no one else may write in it (else an entry could be planted)."""
    try:
        st = os.stat(where)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _ours(st) and not st.st_mode & 0o022


def _path(where: Path, key: str) -> Path:
    return where / f"{key}{SUFFIX}"


def lookup(content_sha256: str) -> Entry | None:
    """The entry for a text with this SHA-256 (hex), or None (none, not usable, off)."""
    try:
        key = key_of(content_sha256)
        where = folder()
        if key is None or where is None or not _usable(where):
            return None
        path = _path(where, key)
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not _ours(st) or st.st_size > MAX_ENTRY:
                return None
            with os.fdopen(os.dup(fd), "rb") as handle:
                data = handle.read(MAX_ENTRY + 1)
        finally:
            os.close(fd)
        head = len(_MAGIC) + _SUM
        if len(data) < head or not data.startswith(_MAGIC):
            return None
        payload = memoryview(data)[head:]
        if _sha256(payload).digest() != data[len(_MAGIC):head]:
            return None
        entry = _decoder.decode(payload)
        if entry.key != key:
            return None
        try:
            os.utime(path)              # recently used: pruned last
        except OSError:
            pass
        return entry
    except (OSError, ValueError, msgspec.MsgspecError, MemoryError, RecursionError):
        return None


def store(content_sha256: str, report: Report, findings: tuple[Finding, ...],
          unsure: frozenset) -> bool:
    """Keep a parse of the text with this SHA-256; False when it could not be kept."""
    from kedr_tui.core.store.atomic import write_atomic

    try:
        key = key_of(content_sha256)
        where = folder()
        if key is None or where is None:
            return False
        try:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return False
        if not _usable(where):
            return False
        payload = _encoder.encode(Entry(key, report, tuple(findings), frozenset(unsure)))
        # mode 0600, no backup, no fsync: an entry lost in a crash is a parse made again
        write_atomic(_path(where, key), (_MAGIC, _sha256(payload).digest(), payload),
                     keep_backup=False, durable=False, private=True)
        prune(where, keep=key)
        return True
    except (OSError, ValueError, TypeError, msgspec.MsgspecError, MemoryError, RecursionError):
        return False


class Unkept:
    """A parse that missed the cache, to be kept once there is time (``keep``): opening
    a report writes it after the first frame (``core.loading``), not before."""

    __slots__ = ("_sha256", "_parsed")

    def __init__(self, content_sha256: str, report: Report, findings: tuple, unsure: frozenset):
        self._sha256 = content_sha256
        self._parsed: tuple | None = (report, findings, unsure)

    def keep(self) -> None:
        """Write it, once (a second call, from any thread, finds nothing to do)."""
        parsed, self._parsed = self._parsed, None
        if parsed is not None:
            store(self._sha256, *parsed)


#: a temporary file older than this was left by a write that was killed
_STALE_TMP = 3600


def prune(where: Path, keep: str = "") -> None:
    """Remove the least recently used entries beyond ``MAX_ENTRIES`` / ``MAX_TOTAL`` bytes
    (never ``keep``), and temporary files a killed write left."""
    import time

    entries = []
    try:
        with os.scandir(where) as names:
            for item in names:
                try:
                    st = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if item.name.endswith(SUFFIX):
                    entries.append((st.st_mtime_ns, st.st_size, item.name))
                elif item.name.startswith(".") and item.name.endswith(".tmp") \
                        and st.st_mtime < time.time() - _STALE_TMP:
                    _remove(where / item.name)
    except OSError:
        return
    entries.sort(reverse=True)                  # the most recently used first
    total = 0
    for count, (_, size, name) in enumerate(entries, start=1):
        total += size
        if (count > MAX_ENTRIES or total > MAX_TOTAL) and name != f"{keep}{SUFFIX}":
            _remove(where / name)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
