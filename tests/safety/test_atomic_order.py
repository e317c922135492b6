"""The order of a save's steps on disk (SPEC «Safety»): the new text complete and fsync'd in
a temporary file, the old version linked as ``~``, the rename, then the folder fsync'd.

A killed save is proved safe by ``test_atomic.py``; a power cut is not something a test can
make, so the steps that protect against one are recorded here, in the order they happen.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import kedr_tui.core.store.atomic as atomic
import kedr_tui.core.store.shared as shared
from kedr_tui.core.store import backup_path, temporaries, write_atomic

NEW = "format = 1\nyear = 2021\n# новая версия\n" + "x = 1\n" * 2000   # more than one buffer


@pytest.fixture
def steps(monkeypatch):
    """Every fsync, link, replace and unlink, with what the fsync'd descriptor holds then."""
    log: list[tuple] = []
    real_fsync, real_link, real_replace = os.fsync, os.link, os.replace

    def fsync(fd):
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            log.append(("fsync-dir", os.readlink(f"/proc/self/fd/{fd}")))
        else:
            with open(f"/proc/self/fd/{fd}", "rb") as handle:   # what reached the file by now
                log.append(("fsync-file", os.readlink(f"/proc/self/fd/{fd}"), handle.read()))
        real_fsync(fd)

    def link(source, target, *args, **kwargs):
        log.append(("link", str(source), str(target)))
        real_link(source, target, *args, **kwargs)

    def replace(source, target, *args, **kwargs):
        log.append(("replace", str(source), str(target)))
        real_replace(source, target, *args, **kwargs)

    for module in (atomic.os, shared.os):     # both are the os module; patched once is enough
        monkeypatch.setattr(module, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "link", link)
    monkeypatch.setattr(atomic.os, "replace", replace)
    return log


def test_replacing_a_file(tmp_path: Path, steps):
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, NEW)
    assert [step[0] for step in steps] == ["fsync-file", "link", "replace", "fsync-dir"]
    fsynced, linked, replaced, folder = steps
    tmp = fsynced[1]
    assert Path(tmp).parent == tmp_path and Path(tmp).name.startswith(".2021.toml.")
    assert fsynced[2] == NEW.encode("utf-8")             # the whole text, flushed before the fsync
    assert linked[1:] == (str(path), str(backup_path(path)))
    assert replaced[1:] == (tmp, str(path))
    assert folder[1] == str(tmp_path)                    # the folder that holds the rename
    assert path.read_text(encoding="utf-8") == NEW
    assert backup_path(path).read_text(encoding="utf-8") == "старая версия\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert temporaries(path) == []


def test_without_a_backup(tmp_path: Path, steps):
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")
    write_atomic(path, NEW, keep_backup=False)
    assert [step[0] for step in steps] == ["fsync-file", "replace", "fsync-dir"]
    assert not backup_path(path).exists()


def test_a_new_file(tmp_path: Path, steps):
    path = tmp_path / "2022.toml"
    write_atomic(path, NEW)
    assert [step[0] for step in steps] == ["fsync-file", "replace", "fsync-dir"]
    assert path.read_text(encoding="utf-8") == NEW and not backup_path(path).exists()


def test_an_old_backup_is_replaced_not_appended_to(tmp_path: Path, steps):
    path = tmp_path / "2021.toml"
    path.write_text("вторая\n", encoding="utf-8")
    backup_path(path).write_text("первая\n", encoding="utf-8")
    write_atomic(path, NEW)
    assert backup_path(path).read_text(encoding="utf-8") == "вторая\n"
    assert os.stat(path).st_nlink == 1                   # the backup is the old inode, not the new


def test_a_failed_rename_leaves_no_temporary_and_no_folder_fsync(tmp_path: Path, steps, monkeypatch):
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")

    def refuse(source, target):
        steps.append(("replace", str(source), str(target)))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(path, NEW)
    assert [step[0] for step in steps] == ["fsync-file", "link", "replace"]
    assert path.read_text(encoding="utf-8") == "старая версия\n"
    assert temporaries(path) == []
