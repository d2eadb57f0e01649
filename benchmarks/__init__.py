"""Benchmarks of the Track123 integration (measured, not asserted; see README)."""
