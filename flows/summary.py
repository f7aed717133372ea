"""What a run did, as one record: logged, published as an artifact, appended to ``runs``.

Kept apart from ``flows.nightly`` so a night with nothing new can be recorded without importing
Prefect (``flows.quiet_night``).
"""

from __future__ import annotations

import html
import re
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from flows.metrics import StageClock, peak_rss_mb


@dataclass
class RunSummary:
    """What a run did: logged, published as an artifact, appended to ``runs``, printed."""

    run_id: str
    status: str
    dumps: str
    warehouse: str
    database: str
    files_seen: int = 0
    files_new: int = 0
    files_skipped: int = 0  # hidden names, folders reached twice: deliberately not read
    records: int = 0
    articles_new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    mentions: int = 0
    quotes: int = 0
    figures: int = 0
    stories: int = 0
    text_reuse: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0  # the highest stage peak of any of the run's processes
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage_peak_mb: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    part_runs: list[str] = field(default_factory=list)  # a night committed in parts: their ids

    def as_markdown(self) -> str:
        lines = ["| measure | value |", "|---|---|"]
        for key, value in asdict(self).items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {v:.2f}" for k, v in value.items())
            lines.append(f"| {key} | {markdown_cell(value)} |")
        return f"# newsledger run {markdown_cell(self.run_id)}\n\n" + "\n".join(lines)


def markdown_cell(value: object) -> str:
    """A value as inert text in a Markdown table cell: no markup, links, HTML or new rows."""
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~>-])", r"\\\1", text)


def new_run_id() -> str:
    """Sortable by start time, unique across concurrent runs."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def finish_summary(summary: RunSummary, t0: float, clock: StageClock) -> None:
    """Fill in the wall time since ``t0``, the peak memory and the per-stage figures."""
    summary.seconds = round(time.perf_counter() - t0, 3)
    # each stage resets the kernel's peak mark: the run's peak is the highest stage's
    summary.peak_rss_mb = round(max([peak_rss_mb(), *clock.peak_mb.values()]), 1)
    summary.stage_seconds = {k: round(v, 3) for k, v in clock.seconds.items()}
    summary.stage_peak_mb = {k: round(v, 1) for k, v in clock.peak_mb.items()}
