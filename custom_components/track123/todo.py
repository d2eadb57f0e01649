"""A to-do list per account, Shipments: the shipments as items, kept from the panel.

The items are the coordinator's shipments, as the sensors are, so the list and the
sensors never disagree. Adding an item starts tracking the number in its text,
and deleting one stops tracking it, through the integration's own actions
(``add_shipment``, ``remove_shipment``, ``set_label``), with their checks and
their translated errors; the item appears or goes with the shipment.

A delivered shipment is a completed item until its sensor goes. Checking off one
that is not delivered yet either marks it done in Home Assistant only (it stays
checked off until it is delivered and leaves) or deletes it at Track123, as the
user chose in the options.
"""

from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, override

from homeassistant.components.todo.const import TodoItemStatus, TodoListEntityFeature

try:
    from homeassistant.components.todo.entity import TodoItem, TodoListEntity
except ImportError:  # Home Assistant before 2026.10
    from homeassistant.components.todo import TodoItem, TodoListEntity  # type: ignore[attr-defined]
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from .actions_input import ATTR_KIND, ATTR_LABEL, ATTR_TRACKING_NUMBER
from .checked_off import CheckedOff
from .const import CONF_TODO_COMPLETE, DEFAULT_TODO_COMPLETE, DOMAIN, TodoComplete
from .coordinator import Track123ConfigEntry, Track123Coordinator
from .entity import Track123Entity
from .per_shipment import PerShipment
from .services import SERVICE_ADD_SHIPMENT, SERVICE_REMOVE_SHIPMENT, SERVICE_SET_LABEL
from .shipment import Shipment, coming_window
from .todo_text import read_item

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: Track123ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the account's list of shipments."""
    checked_off = CheckedOff(hass, entry.entry_id)
    await checked_off.async_load()
    async_add_entities([ShipmentsTodoList(entry.runtime_data.coordinator, checked_off)])


def _invalid(key: str) -> ServiceValidationError:
    """Return a translated error of the to-do list."""
    return ServiceValidationError(translation_domain=DOMAIN, translation_key=key)


def _due(shipment: Shipment) -> date | datetime | None:
    """Return when a shipment on its way is expected at the latest.

    None for one delivered, or with a problem (an exception, or on its way back
    to the sender): it is not coming, whatever its window said.
    """
    if (window := coming_window(shipment)) is None:
        return None
    if window.all_day:
        return (window.end - timedelta(days=1)).date()
    return dt_util.as_local(window.end)


class _Listed(NamedTuple):
    """A shipment and what its item shows, worked out again only when it changed."""

    shipment: Shipment
    done: bool
    due: date | datetime | None
    description: str | None
    completed: datetime | None


class ShipmentsTodoList(Track123Entity, TodoListEntity):
    """The shipments of an account, to add, check off and delete."""

    _attr_translation_key = "shipments"
    _attr_supported_features = (
        TodoListEntityFeature.CREATE_TODO_ITEM
        | TodoListEntityFeature.UPDATE_TODO_ITEM
        | TodoListEntityFeature.DELETE_TODO_ITEM
    )

    def __init__(
        self, coordinator: Track123Coordinator, checked_off: CheckedOff
    ) -> None:
        """Create the list of a coordinator's shipments."""
        super().__init__(coordinator, "shipments")
        self._checked_off = checked_off
        self._status_names: dict[str, str] = {}
        # What each shipment's item shows. The items themselves are built when
        # asked for: Home Assistant keeps its own copy of those it sent, and an
        # account may hold thousands.
        self._per_shipment = PerShipment(self._listed_of)
        self._listed: dict[str, _Listed] = {}

    async def async_added_to_hass(self) -> None:
        """Load the status names in the home's language; build the items."""
        await super().async_added_to_hass()
        self._status_names = await async_get_translations(
            self.hass, self.hass.config.language, "entity", {DOMAIN}
        )
        self._update_items()

    @callback
    def _handle_coordinator_update(self) -> None:
        """Rebuild the items from the shipments, then write the state."""
        self._update_items()
        super()._handle_coordinator_update()

    @callback
    def _update_items(self, rebuild: str | None = None) -> None:
        """Give each shipment an item; forget what is checked off of those gone.

        Only the items of shipments that changed are built again, and ``rebuild``'s
        (just checked off or taken back).
        """
        shipments = self.coordinator.data
        self._checked_off.keep_only(shipments)
        self._listed = self._per_shipment.of(shipments, again=rebuild)

    @property
    @override
    def todo_items(self) -> list[TodoItem]:
        """Return an item per shipment."""
        return [
            TodoItem(
                summary=listed.shipment.name,
                uid=listed.shipment.key,
                status=(
                    TodoItemStatus.COMPLETED
                    if listed.done
                    else TodoItemStatus.NEEDS_ACTION
                ),
                due=listed.due,
                description=listed.description,
                completed=listed.completed,
            )
            for listed in self._listed.values()
        ]

    @property
    @override
    def state(self) -> int:
        """Return how many shipments are still to come, without building items."""
        return sum(not listed.done for listed in self._listed.values())

    def _listed_of(self, shipment: Shipment) -> _Listed:
        """Work out what a shipment's item shows."""
        checked_off = self._checked_off.when(shipment.key)
        done = shipment.is_delivered or checked_off is not None
        completed = shipment.delivered_at if shipment.is_delivered else checked_off
        return _Listed(
            shipment,
            done,
            _due(shipment),
            self._description(shipment),
            completed if done else None,
        )

    def _description(self, shipment: Shipment) -> str | None:
        """Describe a shipment: "status: last event (where)"; under a label, its number.

        The status is left out when the last event starts with it already. The
        To-do panel reads the description as Markdown: two spaces before the line
        break keep the number on a line of its own.
        """
        key = (
            f"component.{DOMAIN}.entity.sensor.{shipment.kind.value}"
            f".state.{shipment.status}"
        )
        status = self._status_names.get(key, shipment.status or "")
        attributes = shipment.attributes
        if last := attributes.get("last_event"):
            where = attributes.get("last_event_location")
            event = f"{last} ({where})" if where else str(last)
            # "Delivered: Delivered, left at front door" says it twice.
            repeated = event.casefold().startswith(status.casefold())
            status = event if repeated else f"{status}: {event}"
        if not shipment.label:
            return status or None
        carrier = attributes.get("carrier_name") or shipment.carrier
        number = " · ".join(part for part in (carrier, shipment.number) if part)
        return f"{status}  \n{number}" if status else number

    async def _async_action(self, service: str, **data: Any) -> None:
        """Call one of the integration's actions for this account, and wait."""
        await self.hass.services.async_call(
            DOMAIN,
            service,
            {ATTR_CONFIG_ENTRY_ID: self.coordinator.config_entry.entry_id, **data},
            blocking=True,
        )

    def _shipment(self, uid: str | None) -> Shipment:
        """Return the shipment of an item; refuse an item no longer listed."""
        if uid is None or (shipment := self.coordinator.data.get(uid)) is None:
            raise _invalid("todo_item_gone")
        return shipment

    async def async_create_todo_item(self, item: TodoItem) -> None:
        """Start tracking the number in the item's text, labelled with the rest."""
        if (text := read_item(item.summary or "")) is None:
            raise _invalid("todo_no_number")
        data: dict[str, Any] = {
            ATTR_TRACKING_NUMBER: text.number,
            ATTR_KIND: text.kind.value,
        }
        if text.label is not None:
            data[ATTR_LABEL] = text.label
        await self._async_action(SERVICE_ADD_SHIPMENT, **data)

    async def async_update_todo_item(self, item: TodoItem) -> None:
        """Rename a shipment, check it off, or take it back."""
        shipment = self._shipment(item.uid)
        if item.summary is not None and item.summary.strip() != shipment.name:
            label = item.summary.strip()
            await self._async_action(
                SERVICE_SET_LABEL,
                **{
                    ATTR_TRACKING_NUMBER: shipment.number,
                    ATTR_LABEL: None if label == shipment.number else label,
                },
            )
        if item.status == TodoItemStatus.COMPLETED:
            await self._async_check_off(shipment)
        elif item.status == TodoItemStatus.NEEDS_ACTION:
            self._take_back(shipment)

    async def _async_check_off(self, shipment: Shipment) -> None:
        """Check a shipment off the way the options say; a delivered one is done."""
        if shipment.is_delivered or shipment.key in self._checked_off:
            return
        options = self.coordinator.config_entry.options
        choice = TodoComplete(options.get(CONF_TODO_COMPLETE, DEFAULT_TODO_COMPLETE))
        if choice is TodoComplete.DELETE:
            await self._async_action(
                SERVICE_REMOVE_SHIPMENT, **{ATTR_TRACKING_NUMBER: shipment.number}
            )
            return
        self._checked_off.mark(shipment.key)
        self._update_items(rebuild=shipment.key)
        self.async_write_ha_state()

    def _take_back(self, shipment: Shipment) -> None:
        """Make a shipment checked off in Home Assistant one to wait for again."""
        if shipment.is_delivered:
            raise _invalid("todo_delivered")
        if not self._checked_off.unmark(shipment.key):
            return
        self._update_items(rebuild=shipment.key)
        self.async_write_ha_state()

    async def async_delete_todo_items(self, uids: list[str]) -> None:
        """Stop tracking the shipments of the items, at Track123 too."""
        for shipment in [self._shipment(uid) for uid in uids]:
            await self._async_action(
                SERVICE_REMOVE_SHIPMENT, **{ATTR_TRACKING_NUMBER: shipment.number}
            )
