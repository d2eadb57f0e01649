"""The schema library of the running Home Assistant, under one name.

Home Assistant validates with probatio from 2026.10 on and with voluptuous before; schemas
must be built with the library its helpers (``config_validation``, selectors, flows) use.
"""

from __future__ import annotations

try:
    import probatio as vol
except ImportError:  # pragma: no cover - before 2026.10 (the matrix runs it on 2026.8)
    import voluptuous as vol  # type: ignore[no-redef]

__all__ = ["vol"]
