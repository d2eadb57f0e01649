"""Tests of the local Track123 simulator."""
