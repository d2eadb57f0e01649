"""Constants of the Track123 Open API."""

from typing import Final

DEFAULT_BASE_URL: Final = "https://api.track123.com/gateway/open-api/"
DEFAULT_REQUEST_TIMEOUT: Final = 30.0
DEFAULT_MAX_RETRIES: Final = 3

SUCCESS_CODE: Final = "00000"

# Parcel endpoints (v2.1).
PARCEL_IMPORT: Final = "tk/v2.1/track/import"
PARCEL_QUERY: Final = "tk/v2.1/track/query"
PARCEL_QUERY_REALTIME: Final = "tk/v2.1/track/query-realtime"
PARCEL_DELETE: Final = "tk/v2.1/track/delete"
PARCEL_UPDATE: Final = "tk/v2.1/track/update"
PARCEL_UPDATE_COURIER: Final = "tk/v2.1/track/update-courier"
COURIER_LIST: Final = "tk/v2.1/courier/list"
COURIER_DETECTION: Final = "tk/v2.1/courier/detection"

# Ocean cargo endpoints (v1).
OCEAN_IMPORT: Final = "tk/v1/ocean/track/import"
OCEAN_QUERY: Final = "tk/v1/ocean/track/query"
OCEAN_DELETE: Final = "tk/v1/ocean/track/delete"
OCEAN_UPDATE_CARRIER: Final = "tk/v1/ocean/track/update-carrier"
OCEAN_REFRESH: Final = "tk/v1/ocean/track/refresh"
OCEAN_CARRIER_LIST: Final = "tk/v1/ocean/carrier/list"

# Air cargo endpoints (v1).
AIR_IMPORT: Final = "tk/v1/aviation/track/import"
AIR_QUERY: Final = "tk/v1/aviation/track/query"
AIR_COURIER_LIST: Final = "tk/v1/aviation/courier/list"

# Batch sizes.
PARCEL_IMPORT_BATCH: Final = 100  # [doc] "up to 100" per register call
PARCEL_QUERY_BATCH: Final = 100
OCEAN_BATCH: Final = 100
AIR_IMPORT_BATCH: Final = 100
AIR_QUERY_BATCH: Final = 100
DEFAULT_PAGE_SIZE: Final = 100
MAX_PAGES: Final = 1000

# Rate limits: requests per window, per endpoint.
RATE_LIMIT_WINDOW: Final = 1.0
# Added to the window so that delays on the way (a busy event loop, the network)
# cannot squeeze one request too many into the server's window; 0.05 s was too
# little on a loaded machine.
RATE_LIMIT_MARGIN: Final = 0.25
DEFAULT_RATE_LIMIT: Final = 5
# [doc] cargo import: 3 requests/s, whichever version answers.
RATE_LIMITS: Final[dict[str, int]] = {
    AIR_IMPORT: 3,
    "tk/v2.1/aviation/track/import": 3,
    OCEAN_IMPORT: 3,
    "tk/v2.1/ocean/track/import": 3,
}

# Retry back-off for rate-limited answers.
BACKOFF_INITIAL: Final = 1.0
BACKOFF_MAX: Final = 30.0

TIME_FORMAT: Final = "%Y-%m-%d %H:%M:%S"
