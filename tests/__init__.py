"""Tests of the Track123 integration and its simulator."""
