"""Dump files to raw records: decoding, JSON fields, archives, WARC, HTML sniffing."""
