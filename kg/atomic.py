"""Write files and folders so that a reader never sees them half-written.

A build that is interrupted (Ctrl-C, a crash, a full disk) must leave the previous output
intact: readers (a browser on the HTML view, a triplestore loading graph.ttl) see either the
old file or the new one. Everything is written under a temporary name in the same folder
(so the final rename stays on one file system) and renamed into place at the end.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def _umask() -> int:
    """The process umask, read without changing it where /proc allows (thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for row in f:
                if row.startswith("Umask:"):
                    return int(row.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; best effort (not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    ``mode`` is "w" (text) or "wb" (bytes). The data is fsynced before the rename. On any
    exception, KeyboardInterrupt included, the temporary file is removed and ``path`` is
    left as it was. A new file gets the usual permissions (0666 minus the umask), a
    replaced file keeps its own.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    target = Path(path)
    folder = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    f: IO[Any] | None = None
    try:
        try:
            perms = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            perms = 0o666 & ~_umask()
        os.chmod(fd, perms)
        if mode == "wb":
            f = os.fdopen(fd, "wb")
        else:
            f = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if f is None:
            os.close(fd)  # fdopen never took it over
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def replace_dir(new: Path, target: Path, old: Path | None = None) -> None:
    """Put the finished folder ``new`` at ``target`` and delete the folder it replaces.

    On Linux one ``renameat2(RENAME_EXCHANGE)``, so ``target`` never goes missing; elsewhere
    two renames through ``old`` (a fresh name beside ``target`` unless given), with the
    previous folder put back if the second fails.
    """
    folder = target.parent
    if not target.exists():
        os.replace(new, target)
        _fsync_dir(folder)
        return
    if _exchange(new, target):
        old = new  # after the exchange the new folder's name holds the old folder
    else:
        if old is None:
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=folder))
            os.rmdir(old)
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        try:
            os.replace(new, target)
        except BaseException:
            os.replace(old, target)  # put the previous folder back
            raise
    _fsync_dir(folder)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; on success it becomes ``path``.

    The previous folder stays complete and readable until the swap. On Linux the swap is
    one ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, with a moment in between
    when ``path`` does not exist (never a moment when it is half-written). The old folder
    is deleted after the swap. On any exception the temporary folder is deleted and
    ``path`` is untouched.
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"{target} exists and is not a folder")
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder))
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        yield tmp
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
