"""The shipments card: served from the integration's folder and added to every dashboard.

The card's bundle (built from ``frontend/`` in the repository, committed) is served on
a path that carries the integration's version and the bundle's digest. Browsers may
keep it for a month (Home Assistant's static cache headers); a new bundle has a new
path, so no browser keeps showing an old card.
"""

from hashlib import sha256
from pathlib import Path
from typing import Final

from homeassistant.components.frontend import add_extra_js_url
from homeassistant.components.http.server import StaticPathConfig
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from .const import DOMAIN

CARD_FILE: Final = Path(__file__).parent / "frontend" / "track123-shipments-card.js"
CARD_URL_BASE: Final = f"/{DOMAIN}/frontend"
# Enough of the digest to tell any two builds apart.
DIGEST_LENGTH: Final = 12


def _digest(path: Path) -> str:
    """Return the start of a file's SHA-256 digest."""
    return sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH]


async def async_register_card(hass: HomeAssistant) -> str:
    """Serve the card's bundle and load it on every dashboard; return its URL."""
    integration = await async_get_integration(hass, DOMAIN)
    digest = await hass.async_add_executor_job(_digest, CARD_FILE)
    url = f"{CARD_URL_BASE}/{integration.version}-{digest}/{CARD_FILE.name}"
    await hass.http.async_register_static_paths(
        [StaticPathConfig(url, str(CARD_FILE), cache_headers=True)]
    )
    add_extra_js_url(hass, url)
    return url
