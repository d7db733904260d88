"""Motcua's benchmarks: ``bench/run [--quick]`` (see docs/performance.md)."""
