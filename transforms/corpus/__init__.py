"""Whole-corpus steps over stored facts: entity resolution, quote matching, near-duplicates, stories, text reuse, and their shared fingerprints."""
