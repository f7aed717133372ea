"""Pure transforms: bytes or text in, typed records out. No I/O, no Prefect, no DuckDB."""

from transforms.extract.pipeline import extract
from transforms.records import Extraction

__all__ = ["Extraction", "extract"]
