"""The Track123 demo: Home Assistant with the integration against the local simulator.

``scripts/develop`` runs it: ``python -m track123_demo``.
"""

from __future__ import annotations

from typing import Final

DEMO_USERNAME: Final = "demo"
DEMO_PASSWORD: Final = "demo"
DEMO_API_KEY: Final = "demo-key"
DASHBOARD_PATH: Final = "track123-shipments"
