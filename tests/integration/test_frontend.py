"""Tests of the card's delivery: served by the integration and loaded on every dashboard."""

from hashlib import sha256
import json
from pathlib import Path

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.track123 import frontend
from custom_components.track123.frontend import CARD_FILE, async_register_card

MANIFEST = Path(frontend.__file__).parent / "manifest.json"


def _card_urls(hass: HomeAssistant) -> list[str]:
    """Return the extra modules every dashboard loads that are the card."""
    return [
        url for url in hass.data[DATA_EXTRA_MODULE_URL].urls if CARD_FILE.name in url
    ]


async def test_card_served_with_its_version(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    init_integration: MockConfigEntry,
) -> None:
    """Set-up adds the card to the frontend, on a path naming version and content."""
    [url] = _card_urls(hass)
    version = json.loads(MANIFEST.read_text(encoding="utf-8"))["version"]
    content = CARD_FILE.read_bytes()
    assert url == (
        f"/track123/frontend/{version}-{sha256(content).hexdigest()[:12]}"
        "/track123-shipments-card.js"
    )

    client = await hass_client()
    response = await client.get(url)

    assert response.status == 200
    assert await response.read() == content
    assert "javascript" in response.headers["Content-Type"]
    # The path changes with the file, so browsers may keep it.
    assert "max-age" in response.headers["Cache-Control"]


async def test_card_url_changes_with_the_bundle(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rebuilt bundle gets a new path, so no browser keeps the old card."""
    rebuilt = tmp_path / CARD_FILE.name
    rebuilt.write_bytes(CARD_FILE.read_bytes() + b"\n// rebuilt\n")
    [first] = _card_urls(hass)

    monkeypatch.setattr(frontend, "CARD_FILE", rebuilt)
    second = await async_register_card(hass)

    assert second != first
    assert second.endswith(f"/{CARD_FILE.name}")
    assert second in hass.data[DATA_EXTRA_MODULE_URL].urls
