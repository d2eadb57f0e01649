"""What the integration remembers between restarts: shipments added from Home Assistant."""

from dataclasses import asdict, dataclass
from typing import Any, TypedDict

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN, ShipmentKind
from .shipment import shipment_key

STORAGE_VERSION = 1


@dataclass(frozen=True, slots=True)
class AddedShipment:
    """A shipment the user added from Home Assistant."""

    kind: ShipmentKind
    number: str
    carrier: str | None = None
    label: str | None = None
    number_type: int | None = None

    @property
    def key(self) -> str:
        """Return the shipment's stable identity."""
        return shipment_key(self.kind, self.number)


class _StoredData(TypedDict):
    """The stored document."""

    added: list[dict[str, Any]]


class ShipmentStore:
    """Persist the shipments added from Home Assistant, per config entry."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Create the store of one config entry."""
        self._store: Store[_StoredData] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}"
        )
        self._added: dict[str, AddedShipment] = {}
        self._labels: dict[tuple[ShipmentKind, str], str] = {}
        # Counts the changes of the labels, so that callers can tell they are unchanged.
        self.labels_revision = 0

    async def async_load(self) -> None:
        """Load what was stored; tolerate a missing or damaged file."""
        data = await self._store.async_load()
        self._added = {}
        for raw in data.get("added", []) if data else []:
            try:
                shipment = AddedShipment(
                    kind=ShipmentKind(raw["kind"]),
                    number=str(raw["number"]),
                    carrier=raw.get("carrier"),
                    label=raw.get("label"),
                    number_type=raw.get("number_type"),
                )
            except KeyError, TypeError, ValueError:
                continue
            self._added[shipment.key] = shipment
        self._index()

    @property
    def added(self) -> list[AddedShipment]:
        """Return the shipments added from Home Assistant."""
        return list(self._added.values())

    def label_for(self, kind: ShipmentKind, number: str) -> str | None:
        """Return the label the user gave a shipment, if any."""
        return self._labels.get((kind, number))

    def _index(self) -> None:
        """Index the labels by kind and number."""
        self.labels_revision += 1
        self._labels = {
            (shipment.kind, shipment.number): shipment.label
            for shipment in self._added.values()
            if shipment.label
        }

    async def async_add(self, shipment: AddedShipment) -> None:
        """Remember a shipment added from Home Assistant."""
        self._added[shipment.key] = shipment
        await self._async_save()

    async def async_remove(self, key: str) -> None:
        """Forget a shipment."""
        if self._added.pop(key, None) is not None:
            await self._async_save()

    async def _async_save(self) -> None:
        """Index and write the store."""
        self._index()
        await self._store.async_save(
            {"added": [asdict(shipment) for shipment in self._added.values()]}
        )

    async def async_remove_file(self) -> None:
        """Delete the stored file (when the config entry is removed)."""
        await self._store.async_remove()
