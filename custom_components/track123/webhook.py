"""Updates Track123 pushes by webhook: verified, then applied at once.

Track123 POSTs ``{"data": {one tracking}, "verify": {"timestamp", "signature"}}``.
What the signature proves, and how its reuse is refused, is in
``webhook_signature``; how bodies are read and refused, in ``webhook_body``.

Answers:

- 200: a fresh, validly signed push, applied (or ignored: a shipment not shown);
  also a validly signed push outside the five-minute window, whose numbers are
  asked of Track123 instead (``push_catchup``);
- 409: a signature already used (its numbers are asked of Track123 too);
- 401 unsigned or wrongly signed, 400 not a tracking, 413 too large, 405 not
  a POST;
- 503: a valid push that could not be applied; Track123 retries it.

Refusals are logged without personal data (no tracking number, no key, no
webhook id, no traceback), at most one WARNING per reason per ten minutes
(``refusal_log``). The webhook id is the URL's only secret: nothing here logs it.
"""

import contextlib
from datetime import timedelta
from http import HTTPStatus
from typing import Any, Final

from aiohttp.hdrs import METH_HEAD, METH_POST
from aiohttp.web import Request, Response
from homeassistant.components import webhook
from homeassistant.const import CONF_API_KEY
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.network import NoURLAvailableError
from homeassistant.util import dt as dt_util

from .api import Parcel
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
from .push_catchup import PushCatchUp
from .refusal_log import RefusalLog
from .webhook_body import WebhookRefused, decode_body, read_body, read_tracking
from .webhook_signature import ReplayMemory, fresh, signature_valid, timestamp_seconds

# Every method Home Assistant lets a webhook take: the handler refuses all but
# POST itself, so that a GET does not make Home Assistant log the webhook id.
WEBHOOK_METHODS: Final = ("GET", "HEAD", "POST", "PUT")


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
    catch_up = PushCatchUp(hass, entry, coordinator)
    receiver = WebhookReceiver(entry.data[CONF_API_KEY], coordinator, catch_up)
    webhook.async_register(
        hass,
        DOMAIN,
        entry.title,
        webhook_id,
        receiver.async_handle,
        allowed_methods=WEBHOOK_METHODS,
        local_only=False,
    )
    entry.async_on_unload(lambda: webhook.async_unregister(hass, webhook_id))
    entry.async_on_unload(catch_up.async_close)


class WebhookReceiver:
    """Check each call Track123 makes, then hand its tracking to the coordinator."""

    def __init__(
        self,
        api_key: str,
        coordinator: Track123Coordinator,
        catch_up: PushCatchUp,
    ) -> None:
        """Receive for one account."""
        self._api_key = api_key
        self._coordinator = coordinator
        self._catch_up = catch_up
        self._replays = ReplayMemory()
        self._refusals = RefusalLog(LOGGER)

    async def async_handle(
        self, hass: HomeAssistant, webhook_id: str, request: Request
    ) -> Response:
        """Answer one call; never raise, so Home Assistant never logs the webhook id."""
        try:
            return await self._async_answer(request)
        except WebhookRefused as err:
            self._refusals.refused(int(err.status), err.reason)
            return Response(status=err.status)
        except Exception:  # noqa: BLE001 - never let Home Assistant log the id
            # A fault here, not in the call: Track123 retries on a 5xx.
            LOGGER.exception("Could not apply a Track123 webhook update")
            return Response(status=HTTPStatus.SERVICE_UNAVAILABLE)

    async def _async_answer(self, request: Request) -> Response:
        """Check the call, then apply it, ask Track123 for it, or refuse it."""
        if request.method != METH_POST:
            if request.method == METH_HEAD:
                # Lets a console check that the URL exists, as Home Assistant does.
                return Response(status=HTTPStatus.OK)
            raise WebhookRefused(HTTPStatus.METHOD_NOT_ALLOWED, "not a POST")
        payload = decode_body(await read_body(request))
        timestamp, signature, sent = self._verify(payload)
        parcel = read_tracking(payload, dt_util.get_default_time_zone())
        now = dt_util.utcnow().timestamp()
        if not fresh(sent, now):
            # Validly signed, but its body cannot be trusted this long after: a
            # retry of a push Home Assistant missed, or a replay. Its body is
            # refused (401, as any stale call), and its number is asked of Track123
            # instead: the query brings the update in. Track123's later retries
            # ask again, at most once per number in the catch-up's interval.
            self._ask_track123(parcel, "outside the time window")
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "outside the time window")
        if not self._replays.use(timestamp, signature, sent, now):
            # Maybe a genuine push signed in the same second as another: its number
            # is asked of Track123 (see webhook_signature), its body ignored.
            self._ask_track123(parcel, "signature already used")
            raise WebhookRefused(HTTPStatus.CONFLICT, "signature already used")
        try:
            applied = await self._coordinator.async_apply_pushed(parcel)
        except Exception:
            # Let Track123 retry it: the same signature may then come again.
            self._replays.release(timestamp, signature)
            raise
        if not applied:
            LOGGER.debug("Ignored a Track123 webhook update of a shipment not shown")
        return Response(status=HTTPStatus.OK)

    def _ask_track123(self, parcel: Parcel, why: str) -> None:
        """Queue a query of a push's number, which is not applied as data."""
        queued = self._catch_up.async_request(parcel)
        LOGGER.debug(
            "Track123 webhook call %s: %s",
            why,
            "its number is asked of Track123" if queued else "not a shipment shown",
        )

    def _verify(self, payload: dict[str, Any]) -> tuple[str, str, float]:
        """Check the signature; return the timestamp, signature and time sent."""
        verify = payload.get("verify")
        if not isinstance(verify, dict):
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "unsigned")
        timestamp, signature = verify.get("timestamp"), verify.get("signature")
        if isinstance(timestamp, int) and not isinstance(timestamp, bool):
            timestamp = str(timestamp) if 0 <= timestamp < 10**16 else ""
        if not isinstance(timestamp, str) or not isinstance(signature, str):
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "unsigned")
        if (sent := timestamp_seconds(timestamp)) is None:
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "malformed timestamp")
        if not signature_valid(self._api_key, timestamp, signature):
            raise WebhookRefused(HTTPStatus.UNAUTHORIZED, "wrong signature")
        return timestamp, signature, sent
