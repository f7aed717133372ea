"""Wall time and peak memory per stage, for the run log and the benchmark."""

from __future__ import annotations

import ctypes
import ctypes.util
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from flows import progress

_CLEAR_REFS = Path("/proc/self/clear_refs")
_STATUS = Path("/proc/self/status")


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB since start (or since the last reset)."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


_LIBC = _libc()


def release_memory() -> None:
    """Hand freed memory back to the system: Arrow's pool (mimalloc keeps what it frees for
    reuse) and the C heap (glibc's ``malloc_trim``); both take well under a millisecond.

    A stage's big temporary structures (a night part's Arrow tables, sketches, a block's pairs)
    leave freed but still mapped pages behind.  (No ``gc.collect()``: over the flow's heap it
    cost 0.25 CPU s a stage, half again a 1% night's corpus steps at 10,000 articles.)"""
    pa.default_memory_pool().release_unused()
    trim = getattr(_LIBC, "malloc_trim", None)
    if trim is not None:
        trim(0)


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux), so each stage reports its own peak."""
    try:
        _CLEAR_REFS.write_text("5")
        return True
    except OSError:
        return False


@dataclass
class StageClock:
    """Collects seconds and peak RSS for named stages of one run."""

    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        reset_peak()
        started = time.perf_counter()
        progress.stage_started(name)
        try:
            yield
        finally:
            took = time.perf_counter() - started
            self.seconds[name] = self.seconds.get(name, 0.0) + took
            self.peak_mb[name] = max(self.peak_mb.get(name, 0.0), peak_rss_mb())
            release_memory()
            progress.stage_done(name, took)

    def merge(self, seconds: dict[str, float], peak_mb: dict[str, float]) -> None:
        """Add another clock's seconds per stage (another process's, or a later part's) and
        keep the higher peak of each stage."""
        for name, secs in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + secs
        for name, mb in peak_mb.items():
            self.peak_mb[name] = max(self.peak_mb.get(name, 0.0), mb)
