"""Benchmark scripts and the synthetic dump generator they (and the end-to-end tests) use."""
