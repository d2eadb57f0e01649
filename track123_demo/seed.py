"""Prepare a Home Assistant configuration directory for the demo.

Home Assistant reads ``.storage/`` at start; writing these files first gives an onboarded
instance with a demo owner and the Track123 entry set up against the simulator, without a
single click.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import shutil
from typing import Any

import bcrypt

from custom_components.track123.config_flow import account_id
from custom_components.track123.const import (
    CONF_BASE_URL,
    CONF_DELIVERED_RETENTION_DAYS,
    CONF_KINDS,
    CONF_SCAN_INTERVAL,
    CONF_SCOPE,
    CONF_WEBHOOK,
    CONF_WEBHOOK_ID,
    DEFAULT_DELIVERED_RETENTION_DAYS,
    DEFAULT_KINDS,
    DEFAULT_SCOPE,
    DOMAIN,
    MIN_SCAN_INTERVAL_MINUTES,
)

from . import DASHBOARD_PATH, DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERNAME

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = REPO_ROOT / "demo" / "config"
# The files of the template that a configuration directory elsewhere gets a copy of.
TEMPLATE_FILES = ("configuration.yaml", "dashboards")

ENTRY_ID = "01JDEMQTRACK123DEM0ENTRY00"
# The simulator pushes parcel updates to this webhook (see stack.py).
WEBHOOK_ID = "de" * 32
USER_ID = "de000000000000000000000000000001"
CREDENTIAL_ID = "de000000000000000000000000000002"
# Files and folders Home Assistant creates at run time; --reset removes them.
RUNTIME_PATHS = (
    ".storage",
    ".HA_VERSION",
    ".ha_run.lock",
    "automations.yaml",
    "blueprints",
    "custom_components",
    "deps",
    "tts",
    "home-assistant.log",
    "home-assistant.log.1",
    "home-assistant.log.fault",
    "home-assistant_v2.db",
    "home-assistant_v2.db-shm",
    "home-assistant_v2.db-wal",
)


def _write_store(
    storage: Path, key: str, version: int, data: Any, minor_version: int = 1
) -> None:
    """Write one ``.storage`` file in Home Assistant's format."""
    document = {
        "version": version,
        "minor_version": minor_version,
        "key": key,
        "data": data,
    }
    (storage / key).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _read_store(storage: Path, key: str) -> dict[str, Any] | None:
    """Return the data of a ``.storage`` file, or None when it is missing or unreadable."""
    try:
        document = json.loads((storage / key).read_text(encoding="utf-8"))
    except OSError, ValueError:
        return None
    data = document.get("data") if isinstance(document, dict) else None
    return data if isinstance(data, dict) else None


def _symlink(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` (relative), replacing whatever was there."""
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    link.symlink_to(os.path.relpath(target, link.parent))


def reset(config_dir: Path) -> None:
    """Remove what earlier runs left in ``config_dir``: the demo starts afresh."""
    for name in RUNTIME_PATHS:
        path = config_dir / name
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)


def config_entry(base_url: str) -> dict[str, Any]:
    """Return the stored form of the demo's Track123 entry."""
    now = datetime.now(UTC).isoformat()
    return {
        "created_at": now,
        "data": {
            "api_key": DEMO_API_KEY,
            CONF_BASE_URL: base_url,
            CONF_WEBHOOK_ID: WEBHOOK_ID,
        },
        "discovery_keys": {},
        "disabled_by": None,
        "domain": DOMAIN,
        "entry_id": ENTRY_ID,
        "minor_version": 1,
        "modified_at": now,
        "options": {
            # The shortest interval, so that the accelerated demo moves on screen.
            CONF_SCAN_INTERVAL: MIN_SCAN_INTERVAL_MINUTES,
            CONF_KINDS: list(DEFAULT_KINDS),
            CONF_DELIVERED_RETENTION_DAYS: DEFAULT_DELIVERED_RETENTION_DAYS,
            CONF_SCOPE: DEFAULT_SCOPE,
            # Parcel updates are pushed at once; polling is the safety net.
            CONF_WEBHOOK: True,
        },
        "pref_disable_new_entities": False,
        "pref_disable_polling": False,
        "source": "user",
        "subentries": [],
        "title": "Track123",
        "unique_id": account_id(DEMO_API_KEY),
        "version": 1,
    }


def _seed_config_entries(storage: Path, base_url: str) -> None:
    """Add or update the Track123 entry; keep entries added through the UI."""
    existing = _read_store(storage, "core.config_entries") or {}
    entries = [
        entry
        for entry in existing.get("entries", [])
        if isinstance(entry, dict) and entry.get("entry_id") != ENTRY_ID
    ]
    entries.append(config_entry(base_url))
    _write_store(storage, "core.config_entries", 1, {"entries": entries}, 5)


def _seed_owner(storage: Path) -> None:
    """Create the demo owner and its password, unless an earlier run did."""
    auth = _read_store(storage, "auth")
    if auth is None or not any(u.get("id") == USER_ID for u in auth.get("users", [])):
        _write_store(
            storage,
            "auth",
            1,
            {
                "users": [
                    {
                        "id": USER_ID,
                        "group_ids": ["system-admin"],
                        "is_owner": True,
                        "is_active": True,
                        "name": "Demo",
                        "system_generated": False,
                        "local_only": False,
                    }
                ],
                "groups": [],
                "credentials": [
                    {
                        "id": CREDENTIAL_ID,
                        "user_id": USER_ID,
                        "auth_provider_type": "homeassistant",
                        "auth_provider_id": None,
                        "data": {"username": DEMO_USERNAME},
                    }
                ],
                "refresh_tokens": [],
            },
        )
    # Always rewritten, so that the README's login works even after a password change.
    hashed = bcrypt.hashpw(DEMO_PASSWORD.encode(), bcrypt.gensalt(rounds=10))
    _write_store(
        storage,
        "auth_provider.homeassistant",
        1,
        {
            "users": [
                {
                    "username": DEMO_USERNAME,
                    "password": base64.b64encode(hashed).decode(),
                }
            ]
        },
    )


def _seed_http(storage: Path, host: str, port: int) -> None:
    """Listen on ``host:port`` only; stored as confirmed, so no trial dialog appears."""
    _write_store(
        storage,
        "http",
        2,
        {
            "stable": {
                "server_host": [host],
                "server_port": port,
                "cors_allowed_origins": ["https://cast.home-assistant.io"],
                "login_attempts_threshold": -1,
                "ip_ban_enabled": True,
                "ssl_profile": "modern",
                "use_x_frame_options": True,
                "created_at": datetime.now(UTC).isoformat(),
                "error": None,
                "error_message": None,
            },
            "pending": None,
            "yaml_migration_done": True,
        },
        2,
    )


def prepare(config_dir: Path, base_url: str, host: str, port: int) -> None:
    """Make ``config_dir`` a demo configuration on ``host:port`` using ``base_url``."""
    config_dir.mkdir(parents=True, exist_ok=True)
    if config_dir.resolve() != TEMPLATE_DIR.resolve():
        for name in TEMPLATE_FILES:
            source, target = TEMPLATE_DIR / name, config_dir / name
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, target)
    _symlink(
        config_dir / "custom_components" / DOMAIN,
        REPO_ROOT / "custom_components" / DOMAIN,
    )
    _symlink(
        config_dir / "blueprints" / "automation" / DOMAIN,
        REPO_ROOT / "blueprints" / "automation" / DOMAIN,
    )
    automations = config_dir / "automations.yaml"
    if not automations.exists():
        automations.write_text("[]\n", encoding="utf-8")

    storage = config_dir / ".storage"
    storage.mkdir(exist_ok=True)
    _seed_http(storage, host, port)
    _seed_config_entries(storage, base_url)
    _seed_owner(storage)
    _write_store(
        storage,
        "onboarding",
        4,
        {"done": ["user", "core_config", "analytics", "integration"]},
    )
    if _read_store(storage, "frontend.system_data") is None:
        # The shipments dashboard is what a newcomer sees after logging in.
        _write_store(
            storage,
            "frontend.system_data",
            1,
            {"core": {"default_panel": DASHBOARD_PATH}},
        )
