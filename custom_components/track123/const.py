"""Constants of the Track123 integration."""

from datetime import timedelta
from enum import StrEnum
import logging
from typing import Final

DOMAIN: Final = "track123"
# The version of the stored config entry; migration.py upgrades every earlier one.
# 2: shipment sensors' unique ids no longer name the carrier.
ENTRY_VERSION: Final = 2
LOGGER = logging.getLogger(__package__)

CONF_BASE_URL: Final = "base_url"
CONF_SCAN_INTERVAL: Final = "scan_interval"
CONF_KINDS: Final = "kinds"
CONF_DELIVERED_RETENTION_DAYS: Final = "delivered_retention_days"
CONF_SCOPE: Final = "scope"
CONF_WEBHOOK: Final = "webhook"
CONF_WEBHOOK_ID: Final = "webhook_id"
CONF_TODO_COMPLETE: Final = "todo_complete"

DEFAULT_SCAN_INTERVAL_MINUTES: Final = 30
# Every poll costs at most a few requests per endpoint; five minutes keeps even a
# ten-thousand-shipment account far below the 5 requests/second limit.
MIN_SCAN_INTERVAL_MINUTES: Final = 5
MAX_SCAN_INTERVAL_MINUTES: Final = 1440
DEFAULT_DELIVERED_RETENTION_DAYS: Final = 7
MAX_DELIVERED_RETENTION_DAYS: Final = 365
# With updates pushed by webhook, polling only catches what a push missed.
WEBHOOK_POLL_FACTOR: Final = 4
MAX_WEBHOOK_POLL_INTERVAL: Final = timedelta(hours=24)

# Shipments created within this window are the "account" when the scope is the account.
ACCOUNT_WINDOW: Final = timedelta(days=180)


class ShipmentKind(StrEnum):
    """The three kinds of shipment Track123 tracks."""

    PARCEL = "parcel"
    OCEAN = "ocean"
    AIR = "air"


class Scope(StrEnum):
    """Which shipments the integration shows."""

    ACCOUNT = "account"
    ADDED = "added"


class TodoComplete(StrEnum):
    """What checking off an undelivered shipment in the to-do list does."""

    # Marked done in Home Assistant; Track123 goes on tracking it until delivery.
    ARCHIVE = "archive"
    # Deleted at Track123, as the remove_shipment action does.
    DELETE = "delete"


DEFAULT_KINDS: Final = [kind.value for kind in ShipmentKind]
# The kind of a number that tells nothing else, and of an action given no kind.
DEFAULT_KIND: Final = ShipmentKind.PARCEL
DEFAULT_SCOPE: Final = Scope.ACCOUNT.value
DEFAULT_TODO_COMPLETE: Final = TodoComplete.ARCHIVE.value
