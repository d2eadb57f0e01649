"""Service codes and their default messages (from the seed status table)."""

from __future__ import annotations

SUCCESS = "00000"

SERVICE_MESSAGES: dict[str, str] = {
    "00000": "Success",
    "A0001": "User terminal error.",
    "A0200": "Server error.",
    "A0201": "Account does not exist.",
    "A0202": "The user account is locked.",
    "A0203": "The user account is invalid.",
    "A0230": "Token is invalid or expired",
    "A0231": "Token has been forbidden.",
    "A0300": "Abnormal access rights.",
    "A0301": "Unauthorized access.",
    "A0400": "User request parameter error.",
    "A0410": "The parameter for the request is null.",
    "A0706": "Too Many Requests",
    "B0001": "System error.",
    "B0100": "System timeout.",
    "B0210": "Exceed flow limits.",
    "B0300": "Abnormal system resources.",
    "B0310": "System resources are exhausted.",
    "C0113": "The interface does not exist.",
    "D0000": "Other errors, detailed information will be returned in msg or data.",
}

QUERY_STATUSES: dict[str, str] = {
    "001": "NORMAL_QUERY",
    "002": "NO_RECORD",
    "003": "UNSTABLE_OFFICIAL_WEBSITE",
    "004": "OFFICIAL_WEBSITE_FORMAT_CHANGES",
    "005": "CACHE_FOR_WEBSITE_ERROR",
    "006": "CACHE_FOR_DEAL_ERROR",
}

ALREADY_IMPORTED = "The order number has been imported"
NOT_REGISTERED = "trackNo not registered"


def message_for(code: str) -> str:
    """Default message for a service code (generic text for unknown codes)."""
    return SERVICE_MESSAGES.get(code, "Service error")
