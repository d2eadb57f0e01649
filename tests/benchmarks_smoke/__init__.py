"""Smoke test of the benchmarks: their code path still runs."""
