"""Tests of the Track123 API client library."""
