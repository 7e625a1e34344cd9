"""Recording and failing file operations: a power loss keeps only what was fsynced, a full disk
fails a write. Tests patch os.fsync / os.write / os.replace / os.open with these."""

from __future__ import annotations

import errno
import os
from pathlib import Path


def fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


class Recorder:
    """Patches os.fsync and os.replace to note (what, path) in order; the real calls still run."""

    def __init__(self, monkeypatch):
        self.events: list[tuple[str, str]] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd):
            self.events.append(("fsync", fd_path(fd)))
            return real_fsync(fd)

        def replace(src, dst, *args, **kwargs):
            self.events.append(("replace", f"{os.path.realpath(src)} -> {os.path.realpath(dst)}"))
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)

    def fsynced(self, path: Path) -> list[int]:
        """Positions at which `path` (file or folder) was fsynced."""
        real = os.path.realpath(path)
        return [i for i, (what, p) in enumerate(self.events) if what == "fsync" and p == real]

    def renamed_to(self, path: Path) -> list[int]:
        real = os.path.realpath(path)
        return [i for i, (what, p) in enumerate(self.events) if what == "replace" and p.endswith(f"-> {real}")]


def disk_full(monkeypatch, on: str = "fsync") -> None:
    """Every os.fsync (or os.write) fails as on a full disk."""
    def fail(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, on, fail)


def read_only(monkeypatch, folder: Path) -> None:
    """Creating a file in `folder` fails with EACCES, as in a read-only folder (root ignores chmod)."""
    real_open = os.open
    folder = os.path.realpath(folder)

    def open_(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and os.path.dirname(os.path.realpath(path)) == folder and not os.path.exists(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
