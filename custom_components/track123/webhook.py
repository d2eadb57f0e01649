"""Updates Track123 pushes by webhook: verified, then applied at once.

Track123 POSTs ``{"data": {one tracking}, "verify": {"timestamp", "signature"}}``.
The signature is SHA-256 over the API key and the timestamp; both forms seen in
the wild are accepted: ``hex(HMAC-SHA256(key=api_key, msg=timestamp))`` and
``hex(SHA256(api_key + timestamp))``. A timestamp (seconds or milliseconds since
the epoch) more than five minutes away from now is refused, and so is a call
repeating one accepted within that window: same timestamp, signature and data.
(The signature does not cover the data, so two different updates sent within
the same millisecond carry the same signature; both are accepted.)

Refusals are logged without any personal data: no tracking number, no key.
"""

from collections import OrderedDict
import contextlib
from datetime import timedelta
import hashlib
import hmac
from http import HTTPStatus
import json
import re
from typing import Any, Final

from aiohttp.web import Request, Response
from homeassistant.components import webhook
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.network import NoURLAvailableError
from homeassistant.util import dt as dt_util

from .api import Parcel, Track123Error
from .api.parsing import parse_parcel
from .const import (
    CONF_SCAN_INTERVAL,
    CONF_WEBHOOK,
    CONF_WEBHOOK_ID,
    DEFAULT_SCAN_INTERVAL_MINUTES,
    DOMAIN,
    LOGGER,
    MAX_WEBHOOK_POLL_INTERVAL,
    WEBHOOK_POLL_FACTOR,
)
from .coordinator import Track123ConfigEntry, Track123Coordinator

MAX_BODY_BYTES: Final = 1024 * 1024
MAX_CLOCK_SKEW: Final = timedelta(minutes=5)
# Timestamps from this value on are milliseconds (in seconds it is the year 5138).
MILLISECONDS_FROM: Final = 10**11
MAX_REMEMBERED: Final = 10_000
_READ_CHUNK: Final = 64 * 1024
_TIMESTAMP = re.compile(r"[0-9]{1,16}")
NO_CLOUD_URL: Final = "-"


class WebhookRefused(Exception):
    """A webhook call refused: the HTTP status to answer and why (no personal data)."""

    def __init__(self, status: HTTPStatus, reason: str) -> None:
        """Describe the refusal."""
        super().__init__(reason)
        self.status = status
        self.reason = reason


def expected_signatures(api_key: str, timestamp: str) -> tuple[str, str]:
    """Return both accepted signatures of ``timestamp``: HMAC form, plain-hash form."""
    return (
        hmac.new(api_key.encode(), timestamp.encode(), hashlib.sha256).hexdigest(),
        hashlib.sha256((api_key + timestamp).encode()).hexdigest(),
    )


def signature_valid(api_key: str, timestamp: str, signature: str) -> bool:
    """Return True when ``signature`` is either accepted form (constant time)."""
    given = signature.strip().lower().encode()
    matches = [
        hmac.compare_digest(expected.encode(), given)
        for expected in expected_signatures(api_key, timestamp)
    ]
    return any(matches)


def timestamp_seconds(timestamp: str) -> float | None:
    """Return a timestamp in seconds since the epoch; None when malformed."""
    if not _TIMESTAMP.fullmatch(timestamp):
        return None
    value = int(timestamp)
    return value / 1000 if value >= MILLISECONDS_FROM else float(value)


def webhook_enabled(entry: Track123ConfigEntry) -> bool:
    """Return True when the entry receives updates by webhook."""
    return bool(entry.options.get(CONF_WEBHOOK)) and bool(
        entry.data.get(CONF_WEBHOOK_ID)
    )


def safety_net_interval(entry: Track123ConfigEntry) -> timedelta:
    """Return the polling interval while updates are pushed: relaxed, at most a day."""
    minutes = entry.options.get(CONF_SCAN_INTERVAL, DEFAULT_SCAN_INTERVAL_MINUTES)
    return min(
        timedelta(minutes=minutes) * WEBHOOK_POLL_FACTOR, MAX_WEBHOOK_POLL_INTERVAL
    )


@callback
def new_webhook_id() -> str:
    """Return a new, unguessable webhook id."""
    return webhook.async_generate_id()


@callback
def local_url(hass: HomeAssistant, webhook_id: str) -> str:
    """Return the URL of the webhook on Home Assistant's own address.

    Without any configured address, the path alone is returned: the user then
    completes it with the address Track123 can reach.
    """
    try:
        return webhook.async_generate_url(hass, webhook_id)
    except NoURLAvailableError:
        return webhook.async_generate_path(webhook_id)


async def async_cloud_url(hass: HomeAssistant, webhook_id: str) -> str | None:
    """Return the Home Assistant Cloud URL of the webhook, where Cloud is set up."""
    if "cloud" not in hass.config.components:
        return None
    # Optional: Home Assistant Cloud is only an after-dependency.
    from homeassistant.components import cloud  # noqa: PLC0415

    if not cloud.async_active_subscription(hass):
        return None
    try:
        return await cloud.async_get_or_create_cloudhook(hass, webhook_id)
    except cloud.CloudNotAvailable:
        return None


async def async_webhook_urls(hass: HomeAssistant, webhook_id: str) -> dict[str, str]:
    """Return the placeholders of the step showing where Track123 should push."""
    cloud_url = await async_cloud_url(hass, webhook_id)
    return {
        "local_url": local_url(hass, webhook_id),
        "cloud_url": cloud_url or NO_CLOUD_URL,
    }


async def async_remove_cloudhook(
    hass: HomeAssistant, entry: Track123ConfigEntry
) -> None:
    """Delete the entry's Home Assistant Cloud webhook, if one was made."""
    webhook_id = entry.data.get(CONF_WEBHOOK_ID)
    if not webhook_id or "cloud" not in hass.config.components:
        return
    from homeassistant.components import cloud  # noqa: PLC0415

    if cloud.async_active_subscription(hass):
        with contextlib.suppress(cloud.CloudNotAvailable):
            await cloud.async_delete_cloudhook(hass, webhook_id)


@callback
def async_setup_webhook(
    hass: HomeAssistant, entry: Track123ConfigEntry, coordinator: Track123Coordinator
) -> None:
    """Receive pushed updates when the option is on; relax parcels' polling.

    Only parcels are pushed: ocean and air cargo keep the configured interval.

    The webhook is unregistered when the entry unloads, so turning the option
    off (which reloads the entry) stops it without a restart.
    """
    if not webhook_enabled(entry):
        return
    coordinator.pushed_interval = safety_net_interval(entry)
    webhook_id: str = entry.data[CONF_WEBHOOK_ID]
    receiver = WebhookReceiver(entry.data[CONF_API_KEY], coordinator)
    webhook.async_register(
        hass,
        DOMAIN,
        entry.title,
        webhook_id,
        receiver.async_handle,
        allowed_methods=["POST"],
        local_only=False,
    )
    entry.async_on_unload(lambda: webhook.async_unregister(hass, webhook_id))


class WebhookReceiver:
    """Check each call Track123 makes, then hand its tracking to the coordinator."""

    def __init__(self, api_key: str, coordinator: Track123Coordinator) -> None:
        """Receive for one account."""
        self._api_key = api_key
        self._coordinator = coordinator
        # (timestamp, signature, data digest) -> until when (epoch s) it is fresh.
        self._accepted: OrderedDict[tuple[str, str, str], float] = OrderedDict()

    async def async_handle(
        self, hass: HomeAssistant, webhook_id: str, request: Request
    ) -> Response:
        """Answer one call: 200 once applied (or ignored), 4xx when refused."""
        try:
            payload = self._decode(await self._read(request))
            token = self._verify(payload)
            parcel = self._parcel(payload)
        except WebhookRefused as err:
            LOGGER.warning(
                "Refused a Track123 webhook call (HTTP %s): %s",
                int(err.status),
                err.reason,
            )
            return Response(status=err.status)
        try:
            applied = await self._coordinator.async_apply_pushed(parcel)
        except Exception:  # noqa: BLE001
            # Let Track123 retry it: the same signature may then come again.
            self._accepted.pop(token, None)
            LOGGER.exception("Could not apply a Track123 webhook update")
            return Response(status=HTTPStatus.SERVICE_UNAVAILABLE)
        if not applied:
            LOGGER.debug("Ignored a Track123 webhook update of a shipment not shown")
        return Response(status=HTTPStatus.OK)

    @staticmethod
    async def _read(request: Request) -> bytes:
        """Read the body, refusing more than MAX_BODY_BYTES."""
        length = getattr(request, "content_length", None)
        if length is not None and length > MAX_BODY_BYTES:
            raise WebhookRefused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body too large")
        chunks: list[bytes] = []
        size = 0
        while chunk := await request.content.read(_READ_CHUNK):
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise WebhookRefused(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body too large"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _decode(body: bytes) -> dict[str, Any]:
        """Return the body as a JSON object."""
        try:
            payload = json.loads(body)
        except ValueError as err:
            raise WebhookRefused(HTTPStatus.BAD_REQUEST, "malformed JSON") from err
        if not isinstance(payload, dict):
            raise WebhookRefused(HTTPStatus.BAD_REQUEST, "body is not a JSON object")
        return payload

    def _verify(self, payload: dict[str, Any]) -> tuple[str, str, str]:
        """Check signature, freshness and novelty; return the replay token."""
        verify = payload.get("verify")
        if not isinstance(verify, dict):
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "unsigned")
        timestamp, signature = verify.get("timestamp"), verify.get("signature")
        if isinstance(timestamp, int) and not isinstance(timestamp, bool):
            timestamp = str(timestamp)
        if not isinstance(timestamp, str) or not isinstance(signature, str):
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "unsigned")
        if (sent := timestamp_seconds(timestamp)) is None:
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "malformed timestamp")
        if not signature_valid(self._api_key, timestamp, signature):
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "wrong signature")
        now = dt_util.utcnow().timestamp()
        window = MAX_CLOCK_SKEW.total_seconds()
        if abs(now - sent) > window:
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "stale timestamp")
        self._forget_expired(now)
        digest = hashlib.sha256(
            json.dumps(payload.get("data"), sort_keys=True).encode()
        ).hexdigest()
        token = (timestamp, signature.strip().lower(), digest)
        if token in self._accepted:
            raise WebhookRefused(HTTPStatus.CONFLICT, "replayed")
        self._accepted[token] = sent + window
        while len(self._accepted) > MAX_REMEMBERED:
            self._accepted.popitem(last=False)
        return token

    def _forget_expired(self, now: float) -> None:
        """Forget tokens that could no longer pass the freshness check."""
        for token, until in list(self._accepted.items()):
            if until < now:
                del self._accepted[token]

    @staticmethod
    def _parcel(payload: dict[str, Any]) -> Parcel:
        """Return the tracking of the body."""
        data = payload.get("data")
        if not isinstance(data, dict):
            raise WebhookRefused(HTTPStatus.BAD_REQUEST, "no tracking in the body")
        try:
            parcel = parse_parcel(data, zone=dt_util.get_default_time_zone())
        except Track123Error as err:  # pragma: no cover - data is an object
            raise WebhookRefused(HTTPStatus.BAD_REQUEST, "unreadable tracking") from err
        if not parcel.track_no:
            raise WebhookRefused(HTTPStatus.BAD_REQUEST, "tracking without a number")
        return parcel
