"""End-to-end tests: the demo stack driven by a headless browser."""
