"""kg.atomic: output is either the old version or the new one, never half-written."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.atomic import _exchange, atomic_dir, atomic_write


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_atomic_write_text_and_bytes(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    with atomic_write(target) as f:
        f.write("官渡区 @zh .\n")
        assert not target.exists()  # nothing visible until the end
    assert target.read_text(encoding="utf-8") == "官渡区 @zh .\n"
    with atomic_write(target, mode="wb") as f:
        f.write(b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert leftovers(tmp_path) == []


def test_new_file_gets_umask_permissions_and_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "new.txt"
        with atomic_write(target) as f:
            f.write("x")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)
        with atomic_write(target) as f:
            f.write("y")
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_atomic_write_failure_keeps_the_old_file(tmp_path: Path, error: type[BaseException]) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(error):
        with atomic_write(target) as f:
            f.write("half of the new")
            raise error()
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_atomic_write_rejects_other_modes(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        with atomic_write(tmp_path / "x", mode="a"):
            pass


_KILLED_WRITER = """
import sys, time
from kg.atomic import atomic_write
with atomic_write(sys.argv[1]) as f:
    f.write("new " * 100_000)
    f.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def test_process_killed_mid_write_leaves_the_old_file(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the old file must survive anyway (a temp file may stay)."""
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        child.kill()
    finally:
        child.wait(10)
    assert target.read_text(encoding="utf-8") == "old"


def test_interrupted_process_cleans_its_temp_file(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) unwinds through the context manager: old file kept, temp file removed."""
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "writing\n"
        child.send_signal(signal.SIGINT)
        assert child.wait(10) != 0
    finally:
        if child.poll() is None:
            child.kill()
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_atomic_dir_creates_and_replaces(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with atomic_dir(out) as tmp:
        (tmp / "graph.ttl").write_text("v1", encoding="utf-8")
        assert not out.exists()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "v1"
    with atomic_dir(out) as tmp:
        (tmp / "graph.ttl").write_text("v2", encoding="utf-8")
        (tmp / "views").mkdir()
        # the previous folder is whole and readable until the swap
        assert (out / "graph.ttl").read_text(encoding="utf-8") == "v1"
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "v2"
    assert (out / "views").is_dir()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_atomic_dir_failure_keeps_the_old_folder(tmp_path: Path, error: type[BaseException]) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "graph.ttl").write_text("old", encoding="utf-8")
    with pytest.raises(error):
        with atomic_dir(out) as tmp:
            (tmp / "graph.ttl").write_text("half", encoding="utf-8")
            raise error()
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_atomic_dir_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "output").write_text("not a folder", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        with atomic_dir(tmp_path / "output"):
            pass


def test_atomic_dir_swap_is_never_missing(tmp_path: Path) -> None:
    """A reader polling the folder during many swaps always finds a complete version."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    if not _exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here: the fallback has a moment without the folder")
    out = tmp_path / "output"
    with atomic_dir(out) as tmp:
        (tmp / "graph.ttl").write_text("0", encoding="utf-8")
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "end = time.time() + 1.5\nmissing = 0\n"
         "while time.time() < end:\n"
         "    try:\n        open(sys.argv[1]).read()\n"
         "    except FileNotFoundError:\n        missing += 1\n"
         "print(missing)\n",
         str(out / "graph.ttl")],
        stdout=subprocess.PIPE, text=True)
    deadline = time.time() + 1.0
    n = 0
    while time.time() < deadline:
        n += 1
        with atomic_dir(out) as tmp:
            (tmp / "graph.ttl").write_text(str(n), encoding="utf-8")
    out_text, _ = reader.communicate(10)
    assert n > 10
    assert out_text.strip() == "0"  # renameat2(RENAME_EXCHANGE): no moment without the folder
