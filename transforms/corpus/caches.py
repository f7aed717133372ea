"""One call that drops the corpus steps' per-spelling and per-name caches.

A night's flow runs the corpus steps one after another in one long-lived process.  What a step
caches (folded names, split person names, word hashes) is made in between its big temporary
objects, and stays: each cached string pins one of Python's memory arenas, so the arenas
those temporaries filled cannot go back to the system.  At 100,000 stored articles the
process kept about 300 MB after entity resolution that way, and every later step's peak
stood on it.  Dropping the caches at a step's end costs the next step a few milliseconds of
hashing again."""

from __future__ import annotations

from transforms.corpus import entity_resolution, fingerprints, stories


def forget_caches() -> None:
    """Empty every per-spelling and per-name cache of the corpus steps."""
    entity_resolution.forget_caches()
    fingerprints.forget_caches()
    stories.forget_caches()
