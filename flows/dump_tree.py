"""Walk a dumps folder: every path ends as a file to read, a quarantine row or a counted skip.

Nothing found under the folder may stop or hang the run: FIFOs, sockets and devices are
never opened, dangling links and link loops are reported, unreadable folders are reported,
links that resolve outside the dumps folder are not followed (a link to ``/etc/passwd`` is
not an article), and names that are not UTF-8 are stored with their bytes escaped.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from transforms.records import Reason, Rejected


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A regular file to read: ``path`` opens it, ``rel`` is what the tables record."""

    path: str  # resolved path on disk (may hold surrogate-escaped bytes)
    rel: str  # path relative to the dumps folder, printable (non-UTF-8 bytes escaped)
    size: int
    mtime: float | None = None  # last modified, POSIX seconds (None when the store gives none)


@dataclass
class Survey:
    """What a walk found: files to read, paths that are quarantined, and counted skips."""

    files: list[FoundFile] = field(default_factory=list)
    problems: list[Rejected] = field(default_factory=list)
    hidden: int = 0  # names starting with "." (deliberately not read)
    repeated: int = 0  # a folder reached a second time through a link


def printable(name: str) -> str:
    """A file name as text that Arrow can store: undecodable bytes become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def survey(root: str | os.PathLike[str]) -> Survey:
    """Walk ``root`` (a folder, or a single file) in a stable order."""
    found = Survey()
    root_path = Path(os.path.abspath(root))
    real_root = os.path.realpath(root_path)
    if os.path.isfile(real_root):
        info = os.stat(real_root)
        found.files.append(FoundFile(real_root, printable(root_path.name), info.st_size,
                                     info.st_mtime))
        return found
    _walk(root_path, "", real_root, [real_root], found)
    return found


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _walk(folder: Path, rel: str, real_root: str, ancestors: list[str], found: Survey,
          visited: set[str] | None = None) -> None:
    visited = visited if visited is not None else {real_root}
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        found.problems.append(_problem(rel or ".", Reason.UNREADABLE_FOLDER, exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            found.hidden += 1
            continue
        entry_rel = f"{rel}/{entry.name}" if rel else entry.name
        shown = printable(entry_rel)
        try:
            real = os.path.realpath(entry.path, strict=True)
        except OSError as exc:
            reason = Reason.LINK_LOOP if exc.errno == errno.ELOOP else Reason.DANGLING_LINK
            if not entry.is_symlink():
                reason = Reason.UNREADABLE_FILE
            found.problems.append(_problem(shown, reason, exc))
            continue
        if not _inside(real, real_root):
            found.problems.append(Rejected(shown, None, Reason.OUTSIDE_DUMPS,
                                           "link resolves outside the dumps folder: not followed"))
            continue
        try:
            info = os.stat(real)
        except OSError as exc:
            found.problems.append(_problem(shown, Reason.UNREADABLE_FILE, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            if real in ancestors:
                found.problems.append(Rejected(shown, None, Reason.LINK_LOOP,
                                               "link points back to a folder that holds it"))
            elif real in visited:
                found.repeated += 1
            else:
                visited.add(real)
                _walk(Path(entry.path), entry_rel, real_root, [*ancestors, real], found, visited)
        elif stat.S_ISREG(info.st_mode):
            found.files.append(FoundFile(real, shown, info.st_size, info.st_mtime))
        else:
            found.problems.append(Rejected(shown, None, Reason.NOT_A_REGULAR_FILE,
                                           f"{_kind(info.st_mode)}: never opened"))


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "not a regular file"


def _problem(rel: str, reason: Reason, exc: OSError) -> Rejected:
    return Rejected(rel, None, reason, f"{type(exc).__name__}: {exc.strerror or exc}")


def open_regular(path: str) -> io.FileIO:
    """Open a file for reading only if it is (still) a regular file: a FIFO swapped in after
    the walk must not block the run (``O_NONBLOCK`` for the open, then checked)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise IsADirectoryError(errno.EINVAL, f"{_kind(mode)}, not a regular file", path)
        os.set_blocking(fd, True)
        return io.FileIO(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise
