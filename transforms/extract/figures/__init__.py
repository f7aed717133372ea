"""Figures: money, shares and counts as numbers with units, qualifiers and what they measure."""
