"""Durable writes outside the journal: every file that reports success survives a power loss.

One helper for the book's snapshots, the settings, restores, backups and the derived cache:
a temp file with a unique name (created O_EXCL|O_NOFOLLOW, 0600, so a planted symlink is refused,
never followed), fsynced, renamed over the target, and the folder fsynced so the rename itself is
on disk. Kept apart from storage so the settings can use it without importing TinyDB.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from .errors import StorageError

FILE_MODE = 0o600
DIR_MODE = 0o700
# A temp file's name: .<target>.<pid>.<token>.tmp; the pid lets a later writer remove those of
# processes that died mid-write (nobody else would ever finish or remove them).
TMP_SUFFIX = ".tmp"
NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def describe(exc: OSError) -> str:
    """What went wrong with a file, in the rep's words."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space and try again (nothing already stored was lost)"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the folder or file is read-only; make it writable and try again (nothing already stored was lost)"
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link, which Cockpit does not follow; remove the link and try again"
    return exc.strerror or str(exc)


def storage_error(path, exc: OSError, doing: str) -> StorageError:
    return StorageError(f"cannot {doing} {path}: {describe(exc)}")


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700 whatever the umask (mkdir's mode is masked)."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # another process made it first
        os.chmod(path, DIR_MODE)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def open_new(path: Path) -> int:
    """A new private file; an existing file or symlink at `path` is an error, never opened."""
    return os.open(path, NEW_FLAGS, FILE_MODE)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _new_file(path: Path, fill) -> None:
    """Create `path` (private, exclusive), let `fill(fd)` write it, fsync it; a failure removes it."""
    fd = open_new(path)
    try:
        fill(fd)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink(path)
        raise
    os.close(fd)


def write_new(path: Path, data: bytes) -> None:
    """Write a new file and fsync it; a failure removes it."""
    _new_file(path, lambda fd: write_all(fd, data))


def copy_new(src: Path, dst: Path) -> None:
    """Copy `src` to a new private file `dst`, fsynced (a backup's or a restore's file)."""
    def fill(fd: int) -> None:
        with open(src, "rb") as source:
            while chunk := source.read(1 << 20):
                write_all(fd, chunk)

    _new_file(dst, fill)


def _replace(path: Path, make_temp) -> None:
    """Write a temp file beside `path` with `make_temp(tmp)`, rename it over `path`, fsync the folder:
    a crash leaves the old file or the new one, never a mix, and a replace that returns is on disk."""
    path = Path(path)
    drop_orphans(path)
    tmp = temp_name(path)
    make_temp(tmp)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes, *, per_process: bool = True) -> None:
    """Replace `path` by `data`, durably. (`per_process` is kept for callers: every temp name is unique.)"""
    _replace(path, lambda tmp: write_new(tmp, data))


def copy_atomic(src: Path, dst: Path) -> None:
    """Replace `dst` by a copy of `src`, durably (a restore)."""
    _replace(dst, lambda tmp: copy_new(src, tmp))


def write_set(files: list[tuple[Path, bytes]]) -> None:
    """Replace several files of one folder as a set: every new file is written and fsynced before the
    first rename, so a full disk or an I/O error part way leaves the old set whole, byte for byte.
    The renames go in the order given; the folder is fsynced once, after the last."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            path = Path(path)
            drop_orphans(path)
            tmp = temp_name(path)
            write_new(tmp, data)
            temps.append((tmp, path))
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            _unlink(tmp)  # the renamed ones are gone already
        raise
    fsync_dir(Path(files[0][0]).parent)


def pid_is_dead(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive under another user, or not ours to judge
    return False


def orphan_pid(name: str, prefix: str) -> int | None:
    """The pid in a temp name `<prefix><pid>[.<token>].tmp`, None for a name that is not ours."""
    if not (name.startswith(prefix) and name.endswith(TMP_SUFFIX)):
        return None
    middle = name[len(prefix):-len(TMP_SUFFIX)].split(".")[0]
    return int(middle) if middle.isdigit() else None


def drop_orphans(path: Path) -> None:
    """Remove temp files of `path` left by processes that died mid-write."""
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        pid = orphan_pid(entry.name, prefix)
        if pid is not None and pid != os.getpid() and pid_is_dead(pid):
            _unlink(Path(entry.path))


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
