"""Per-text extraction: entities, quotes and figures, each a package with its logic apart from its rules."""

from transforms.extract.pipeline import extract

__all__ = ["extract"]
