"""Track123's endpoints, the paths each is seen at, and the one that answers.

Ocean and air endpoints are seen both as ``tk/v1/...`` and ``tk/v2.1/...``. A path
answering C0113 (interface does not exist) is followed by the next one listed;
the first that answers is kept for the rest of the client's life. Sources: [doc]
docs.track123.com, [client] other clients, [inferred] by analogy (see
docs/track123-fidelity.md).
"""

from collections.abc import Mapping
from typing import NamedTuple

from .const import (
    AIR_COURIER_LIST,
    AIR_IMPORT,
    AIR_QUERY,
    COURIER_DETECTION,
    COURIER_LIST,
    OCEAN_CARRIER_LIST,
    OCEAN_DELETE,
    OCEAN_IMPORT,
    OCEAN_QUERY,
    OCEAN_REFRESH,
    OCEAN_UPDATE_CARRIER,
    PARCEL_DELETE,
    PARCEL_IMPORT,
    PARCEL_QUERY,
    PARCEL_QUERY_REALTIME,
    PARCEL_UPDATE,
    PARCEL_UPDATE_COURIER,
)


class Endpoint(NamedTuple):
    """A logical endpoint: its name, HTTP method and the paths to try, in order."""

    name: str
    method: str
    paths: tuple[str, ...]


def _post(name: str, *paths: str) -> Endpoint:
    """Return a POST endpoint."""
    return Endpoint(name, "POST", paths)


def _get(name: str, *paths: str) -> Endpoint:
    """Return a GET endpoint."""
    return Endpoint(name, "GET", paths)


# Parcels: v2.1 only.
PARCEL_IMPORT_EP = _post("parcel_import", PARCEL_IMPORT)  # [doc]
PARCEL_QUERY_EP = _post("parcel_query", PARCEL_QUERY)  # [doc]
PARCEL_REALTIME_EP = _post("parcel_query_realtime", PARCEL_QUERY_REALTIME)  # [doc]
PARCEL_DELETE_EP = _post("parcel_delete", PARCEL_DELETE)  # [client]
PARCEL_UPDATE_EP = _post("parcel_update", PARCEL_UPDATE)  # [client]
PARCEL_UPDATE_COURIER_EP = _post("parcel_update_courier", PARCEL_UPDATE_COURIER)
# Retrack: the single form is [doc]; the batch form [client, one source].
PARCEL_RETRACK_EP = _post("parcel_retrack", "tk/v2.1/track/refresh")
PARCEL_RETRACK_BATCH_EP = _post("parcel_retrack_batch", "tk/v2.1/track/refresh-batch")
COURIER_LIST_EP = _get("courier_list", COURIER_LIST)  # [doc]
COURIER_DETECTION_EP = _post("courier_detection", COURIER_DETECTION)  # [doc]

# Ocean cargo: v1 [client], v2.1 [doc] for import, refresh and delete, [inferred]
# for the others.
OCEAN_IMPORT_EP = _post("ocean_import", OCEAN_IMPORT, "tk/v2.1/ocean/track/import")
OCEAN_QUERY_EP = _post("ocean_query", OCEAN_QUERY, "tk/v2.1/ocean/track/query")
OCEAN_DELETE_EP = _post("ocean_delete", OCEAN_DELETE, "tk/v2.1/ocean/track/delete")
OCEAN_UPDATE_CARRIER_EP = _post(
    "ocean_update_carrier", OCEAN_UPDATE_CARRIER, "tk/v2.1/ocean/track/update-carrier"
)
OCEAN_REFRESH_EP = _post("ocean_refresh", OCEAN_REFRESH, "tk/v2.1/ocean/track/refresh")
OCEAN_CARRIER_LIST_EP = _get(
    "ocean_carrier_list",
    OCEAN_CARRIER_LIST,
    "tk/v2.1/ocean/carrier/list",
    "tk/v1/ocean/courier/list",  # [client]
)

# Air cargo: v1 [client], v2.1 [client, several]; delete and change carrier are
# documented without a stored path: [inferred] from the ocean paths.
AIR_IMPORT_EP = _post("air_import", AIR_IMPORT, "tk/v2.1/aviation/track/import")
AIR_QUERY_EP = _post("air_query", AIR_QUERY, "tk/v2.1/aviation/track/query")
AIR_DELETE_EP = _post(
    "air_delete", "tk/v1/aviation/track/delete", "tk/v2.1/aviation/track/delete"
)
AIR_UPDATE_CARRIER_EP = _post(
    "air_update_carrier",
    "tk/v1/aviation/track/update-carrier",
    "tk/v2.1/aviation/track/update-carrier",
)
AIR_REFRESH_EP = _post(
    "air_refresh", "tk/v2.1/aviation/track/refresh", "tk/v1/aviation/track/refresh"
)
AIR_CARRIER_LIST_EP = _get(
    "air_carrier_list", AIR_COURIER_LIST, "tk/v2.1/aviation/carrier/list"
)

ENDPOINTS: tuple[Endpoint, ...] = (
    PARCEL_IMPORT_EP,
    PARCEL_QUERY_EP,
    PARCEL_REALTIME_EP,
    PARCEL_DELETE_EP,
    PARCEL_UPDATE_EP,
    PARCEL_UPDATE_COURIER_EP,
    PARCEL_RETRACK_EP,
    PARCEL_RETRACK_BATCH_EP,
    COURIER_LIST_EP,
    COURIER_DETECTION_EP,
    OCEAN_IMPORT_EP,
    OCEAN_QUERY_EP,
    OCEAN_DELETE_EP,
    OCEAN_UPDATE_CARRIER_EP,
    OCEAN_REFRESH_EP,
    OCEAN_CARRIER_LIST_EP,
    AIR_IMPORT_EP,
    AIR_QUERY_EP,
    AIR_DELETE_EP,
    AIR_UPDATE_CARRIER_EP,
    AIR_REFRESH_EP,
    AIR_CARRIER_LIST_EP,
)


class Router:
    """The path each endpoint is reached at: the first that answered, once known."""

    def __init__(self) -> None:
        """Know no path yet."""
        self._answered: dict[str, str] = {}

    def candidates(self, endpoint: Endpoint) -> tuple[str, ...]:
        """Return the paths to try: the one that answered, else all in order."""
        if (path := self._answered.get(endpoint.name)) is not None:
            return (path,)
        return endpoint.paths

    def answered(self, endpoint: Endpoint, path: str) -> None:
        """Remember the path that answered."""
        self._answered[endpoint.name] = path

    def paths(self) -> Mapping[str, str]:
        """Return every endpoint's path: the one that answered, else the first."""
        return {
            endpoint.name: self._answered.get(endpoint.name, endpoint.paths[0])
            for endpoint in ENDPOINTS
        }
