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


def test_names_of_the_backup_and_the_temporary_file(tmp_path: Path, steps):
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")
    seen_during = []
    real_replace = atomic.os.replace

    def replace(source, target):
        seen_during.append(temporaries(path))           # what a killed save would leave here
        real_replace(source, target)

    atomic.os.replace = replace
    try:
        write_atomic(path, NEW)
    finally:
        atomic.os.replace = real_replace
    tmp = Path(steps[0][1])
    assert tmp.name.startswith(".2021.toml.") and tmp.name.endswith(".tmp")
    assert seen_during == [[tmp]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021.toml", "2021.toml~"]
    assert backup_path(path) == tmp_path / "2021.toml~"


def test_the_group_of_the_original_is_kept(tmp_path: Path):
    """As root the new file can be given any group: an unused numeric gid, nothing created."""
    if os.geteuid() != 0:
        pytest.skip("giving a file another group needs root here")
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")
    os.chown(path, -1, 47999)
    path.chmod(0o664)
    write_atomic(path, NEW)
    assert (path.stat().st_gid, stat.S_IMODE(path.stat().st_mode)) == (47999, 0o664)


def test_a_group_we_may_not_give_is_left_alone(tmp_path: Path, monkeypatch):
    if os.geteuid() != 0:
        pytest.skip("giving a file another group needs root here")
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")
    os.chown(path, -1, 47998)
    calls = []

    def refuse(target, uid, gid):
        calls.append((Path(target).name.endswith(".tmp"), uid, gid))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "chown", refuse)
    write_atomic(path, NEW)                              # saved all the same, in our group
    assert calls == [(True, -1, 47998)]
    assert path.read_text(encoding="utf-8") == NEW and path.stat().st_gid == os.getegid()


def test_the_same_group_is_not_given_again(tmp_path: Path, monkeypatch):
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "chown", lambda *a: pytest.fail(f"chown{a}"))
    write_atomic(path, NEW)


def test_a_new_file_gets_the_umask_mode(tmp_path: Path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "2022.toml", NEW)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "2022.toml").stat().st_mode) == 0o640


@pytest.mark.parametrize("code", [18, 1, 95, 31])        # EXDEV, EPERM, EOPNOTSUPP, EMLINK
def test_without_hard_links_the_backup_is_a_copy(tmp_path: Path, monkeypatch, code):
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")
    backup_path(path).write_text("совсем старая\n", encoding="utf-8")

    def no_links(source, target):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "link", no_links)
    write_atomic(path, NEW)
    assert backup_path(path).read_text(encoding="utf-8") == "старая версия\n"
    assert os.stat(backup_path(path)).st_ino != os.stat(path).st_ino


def test_another_link_error_stops_the_save(tmp_path: Path, monkeypatch):
    path = tmp_path / "2021.toml"
    path.write_text("старая версия\n", encoding="utf-8")

    def no_room(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "link", no_room)
    with pytest.raises(OSError):
        write_atomic(path, NEW)
    assert path.read_text(encoding="utf-8") == "старая версия\n" and temporaries(path) == []


def test_a_save_error_in_russian(tmp_path: Path):
    from kedr_tui.core.store import write_error

    error = write_error(tmp_path / "2021.toml", OSError(28, "No space left on device"))
    assert str(error) == f"{tmp_path / '2021.toml'}: не удалось сохранить: на диске нет места; файл на диске не изменён"
    assert error.exit_code == 2


def test_a_save_refused_by_the_folder_names_it(tmp_path: Path):
    from kedr_tui.core.store import write_error

    error = write_error(tmp_path / "2021.toml", PermissionError(13, "Permission denied"))
    assert str(error) == (f"{tmp_path / '2021.toml'}: не удалось сохранить: нет прав на запись в папку "
                          f"«{tmp_path}»; файл на диске не изменён")
