"""The Track123 integration."""
