"""The client's ocean and air cargo methods."""

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any

from . import payloads
from .const import AIR_IMPORT_BATCH, DEFAULT_PAGE_SIZE, OCEAN_BATCH
from .core import ClientCore
from .endpoints import (
    AIR_CARRIER_LIST_EP,
    AIR_DELETE_EP,
    AIR_IMPORT_EP,
    AIR_REFRESH_EP,
    AIR_UPDATE_CARRIER_EP,
    OCEAN_CARRIER_LIST_EP,
    OCEAN_DELETE_EP,
    OCEAN_IMPORT_EP,
    OCEAN_REFRESH_EP,
    OCEAN_UPDATE_CARRIER_EP,
    Endpoint,
)
from .models import (
    AirImport,
    AirShipment,
    Courier,
    ImportResult,
    OceanImport,
    OceanShipment,
    Page,
    QueryResult,
)
from .parsing import parse_couriers


class CargoMethods(ClientCore):
    """Ocean containers and air waybills."""

    # Ocean cargo -----------------------------------------------------------------

    async def _ocean_batches(
        self,
        endpoint: Endpoint,
        shipments: Iterable[OceanImport],
        entry: Callable[[OceanImport], dict[str, Any]] = payloads.ocean_key,
    ) -> ImportResult:
        """Send ocean shipments to an import-like endpoint, in batches."""
        items = list(shipments)
        return await self._batches(
            endpoint,
            [entry(item) for item in items],
            [item.tracking_no for item in items],
            OCEAN_BATCH,
        )

    async def import_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Register ocean shipments for tracking (100 quota units each [doc])."""
        return await self._ocean_batches(
            OCEAN_IMPORT_EP, shipments, payloads.ocean_import
        )

    async def query_ocean(
        self, shipments: Iterable[OceanImport], *, poll: bool = True
    ) -> QueryResult[OceanShipment]:
        """Query ocean shipments by number (``poll``: as for parcels)."""
        return await self._query_numbers(self._ocean, shipments, poll=poll)

    async def query_ocean_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[OceanShipment]:
        """Query one page of ocean shipments created in a time window."""
        return await self._query_page(
            self._ocean, created_from, created_to, cursor, page_size
        )

    async def query_all_ocean(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[OceanShipment, ...]:
        """Query every ocean shipment created in a time window."""
        return await self._collect(
            partial(
                self.query_ocean_page, created_from, created_to, page_size=page_size
            )
        )

    async def delete_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Stop tracking ocean shipments."""
        return await self._ocean_batches(OCEAN_DELETE_EP, shipments)

    async def update_ocean_carrier(
        self, shipment: OceanImport, new_carrier_code: str
    ) -> None:
        """Change the carrier an ocean shipment is tracked with."""
        body = payloads.ocean_key(shipment) | {"carrierCode": new_carrier_code}
        await self._send_checked(OCEAN_UPDATE_CARRIER_EP, body)

    async def refresh_ocean(self, shipments: Iterable[OceanImport]) -> ImportResult:
        """Ask Track123 to refresh ocean shipments (at most once per 6 h each)."""
        return await self._ocean_batches(OCEAN_REFRESH_EP, shipments)

    async def list_ocean_carriers(self) -> tuple[Courier, ...]:
        """Return every ocean carrier Track123 supports."""
        return parse_couriers(await self._request(OCEAN_CARRIER_LIST_EP))

    # Air cargo -------------------------------------------------------------------

    async def _air_batches(
        self,
        endpoint: Endpoint,
        shipments: Iterable[AirImport | str],
        entry: Callable[[AirImport], dict[str, Any]] = payloads.air_key,
    ) -> ImportResult:
        """Send air waybills to an import-like endpoint, in batches of 100."""
        items = [s if isinstance(s, AirImport) else AirImport(s) for s in shipments]
        return await self._batches(
            endpoint,
            [entry(item) for item in items],
            [item.awb for item in items],
            AIR_IMPORT_BATCH,
        )

    async def import_air(self, shipments: Iterable[AirImport | str]) -> ImportResult:
        """Register air waybills for tracking (batches of 100)."""
        return await self._air_batches(AIR_IMPORT_EP, shipments, payloads.air_import)

    async def query_air(
        self, awbs: Iterable[str], *, poll: bool = True
    ) -> QueryResult[AirShipment]:
        """Query air waybills by number (``poll``: as for parcels)."""
        return await self._query_numbers(self._air, awbs, poll=poll)

    async def query_air_page(
        self,
        created_from: datetime,
        created_to: datetime,
        cursor: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> Page[AirShipment]:
        """Query one page of air waybills created in a time window."""
        return await self._query_page(
            self._air, created_from, created_to, cursor, page_size
        )

    async def query_all_air(
        self,
        created_from: datetime,
        created_to: datetime,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> tuple[AirShipment, ...]:
        """Query every air waybill created in a time window."""
        return await self._collect(
            partial(self.query_air_page, created_from, created_to, page_size=page_size)
        )

    async def delete_air(self, awbs: Iterable[AirImport | str]) -> ImportResult:
        """Stop tracking air waybills."""
        return await self._air_batches(AIR_DELETE_EP, awbs)

    async def update_air_carrier(self, awb: str, new_airline_code: str) -> None:
        """Change the airline an air waybill is tracked with."""
        body = payloads.air_key(AirImport(awb)) | {"carrierCode": new_airline_code}
        await self._send_checked(AIR_UPDATE_CARRIER_EP, body)

    async def retrack_air(self, awbs: Iterable[AirImport | str]) -> ImportResult:
        """Ask Track123 to fetch air waybills again from their airlines."""
        return await self._air_batches(AIR_REFRESH_EP, awbs)

    async def list_air_couriers(self) -> tuple[Courier, ...]:
        """Return every airline Track123 supports."""
        return parse_couriers(await self._request(AIR_CARRIER_LIST_EP))
