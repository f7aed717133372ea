"""Progress of a run on stderr, so a long night is never silent (``newsledger run --quiet`` for
cron). Stages report when they start and end; the ingest reports each finished batch.

Off unless the command line turns it on: the scheduled deployment logs through Prefect instead.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

_enabled = False
_started = time.perf_counter()


def enable(on: bool = True) -> None:
    global _enabled, _started
    _enabled, _started = on, time.perf_counter()


def say(message: str) -> None:
    """One progress line with the time since the command started."""
    if _enabled:
        print(f"[{time.perf_counter() - _started:6.1f}s] {message}", file=sys.stderr, flush=True)


def stage_started(name: str) -> None:
    say(f"{name} …")


def stage_done(name: str, seconds: float) -> None:
    say(f"{name} done in {seconds:.1f} s")


def counted(items: Iterable[T], total: int, what: str,
            result: Callable[[T], object] = lambda item: item) -> Iterator[object]:
    """``result(item)`` for each item, saying "what n/total" after each one finishes."""
    for done, item in enumerate(items, 1):
        value = result(item)
        say(f"{what} {done}/{total}")
        yield value
