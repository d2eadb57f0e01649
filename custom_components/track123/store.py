"""What the integration remembers between restarts: shipments added from Home Assistant."""

from dataclasses import asdict, dataclass, replace
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


class _StoredData(TypedDict, total=False):
    """The stored document."""

    added: list[dict[str, Any]]
    # Labels of shipments not added from Home Assistant, by shipment key.
    labels: dict[str, str]


def _split_key(key: str) -> tuple[ShipmentKind, str] | None:
    """Return the kind and number of a shipment key; None if it is not one."""
    kind, _, number = key.partition("_")
    try:
        return ShipmentKind(kind), number
    except ValueError:
        return None


class ShipmentStore:
    """Persist the shipments added from Home Assistant, per config entry."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Create the store of one config entry."""
        self._store: Store[_StoredData] = Store(
            hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}"
        )
        self._added: dict[str, AddedShipment] = {}
        # Labels given to shipments of the account not added from Home Assistant.
        self._other_labels: dict[str, str] = {}
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
        labels = data.get("labels") if data else None
        self._other_labels = {
            str(key): label
            for key, label in (labels.items() if isinstance(labels, dict) else ())
            if isinstance(label, str) and label and _split_key(str(key)) is not None
        }
        self._index()

    @property
    def added(self) -> list[AddedShipment]:
        """Return the shipments added from Home Assistant."""
        return list(self._added.values())

    def added_shipment(self, key: str) -> AddedShipment | None:
        """Return the shipment added from Home Assistant under ``key``, if any."""
        return self._added.get(key)

    def label_for(self, kind: ShipmentKind, number: str) -> str | None:
        """Return the label the user gave a shipment, if any."""
        return self._labels.get((kind, number))

    def _index(self) -> None:
        """Index the labels by kind and number."""
        self.labels_revision += 1
        self._labels = {
            split: label
            for key, label in self._other_labels.items()
            if (split := _split_key(key)) is not None
        }
        self._labels.update(
            {
                (shipment.kind, shipment.number): shipment.label
                for shipment in self._added.values()
                if shipment.label
            }
        )

    async def async_set_label(
        self, kind: ShipmentKind, number: str, label: str | None
    ) -> None:
        """Label a shipment (None clears it), whether added here or not."""
        key = shipment_key(kind, number)
        if (added := self._added.get(key)) is not None:
            self._added[key] = replace(added, label=label)
        elif label:
            self._other_labels[key] = label
        else:
            self._other_labels.pop(key, None)
        await self._async_save()

    async def async_add(self, shipment: AddedShipment) -> None:
        """Remember a shipment added from Home Assistant."""
        self._added[shipment.key] = shipment
        await self._async_save()

    async def async_remove(self, key: str) -> None:
        """Forget a shipment and its label."""
        added = self._added.pop(key, None)
        label = self._other_labels.pop(key, None)
        if added is not None or label is not None:
            await self._async_save()

    async def _async_save(self) -> None:
        """Index and write the store."""
        self._index()
        await self._store.async_save(
            {
                "added": [asdict(shipment) for shipment in self._added.values()],
                "labels": dict(self._other_labels),
            }
        )

    async def async_remove_file(self) -> None:
        """Delete the stored file (when the config entry is removed)."""
        await self._store.async_remove()
