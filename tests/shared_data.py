"""Where the team's shared data sits (``../shared`` beside the clone), and the one way to need it.

Missing shared data skips a test on a laptop but fails it under CI (``CI`` set), so a quality
gate can never pass by not running.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev"
EVAL = SHARED / "eval"


def need(path: Path) -> Path:
    """``path`` if it exists; otherwise fail under CI and skip elsewhere."""
    if path.exists():
        return path
    message = f"{path} is missing: ../shared must sit beside the clone"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError("unreachable")
