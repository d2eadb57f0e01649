"""Locations used by the timelines: name, UTC offset, country and UN/LOCODE."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Place:
    """A place where an event happens."""

    name: str
    utc_offset: str
    country: str
    unlocode: str = ""


US_ORIGINS = (
    Place("SEATTLE, WA, US", "-08:00", "US"),
    Place("LOS ANGELES, CA, US", "-08:00", "US"),
    Place("CHICAGO, IL, US", "-06:00", "US"),
    Place("NEW YORK, NY, US", "-05:00", "US"),
)
US_HUBS = (
    Place("MEMPHIS, TN, US", "-06:00", "US"),
    Place("LOUISVILLE, KY, US", "-05:00", "US"),
    Place("INDIANAPOLIS, IN, US", "-05:00", "US"),
)
US_DESTINATIONS = (
    Place("DENVER, CO, US", "-07:00", "US"),
    Place("AUSTIN, TX, US", "-06:00", "US"),
    Place("BOSTON, MA, US", "-05:00", "US"),
    Place("PHOENIX, AZ, US", "-07:00", "US"),
)
CN_ORIGINS = (
    Place("SHENZHEN, GUANGDONG, CN", "+08:00", "CN"),
    Place("YIWU, ZHEJIANG, CN", "+08:00", "CN"),
    Place("GUANGZHOU, GUANGDONG, CN", "+08:00", "CN"),
)
CN_EXPORT = Place("HONG KONG, HK", "+08:00", "HK")
US_GATEWAY = Place("LOS ANGELES INTERNATIONAL AIRPORT, CA, US", "-08:00", "US")

OCEAN_PRE = (
    Place("Dongguan", "+08:00", "CN", "CNDGG"),
    Place("Ningbo Inland Depot", "+08:00", "CN", "CNNGB"),
)
OCEAN_POL = (
    Place("Shanghai", "+08:00", "CN", "CNSHA"),
    Place("Yantian", "+08:00", "CN", "CNYTN"),
)
OCEAN_POT = (
    Place("Singapore", "+08:00", "SG", "SGSIN"),
    Place("Tanjung Pelepas", "+08:00", "MY", "MYTPP"),
)
OCEAN_POD = (
    Place("Rotterdam", "+01:00", "NL", "NLRTM"),
    Place("Hamburg", "+01:00", "DE", "DEHAM"),
)
OCEAN_PDE = (
    Place("Duisburg", "+01:00", "DE", "DEDUI"),
    Place("Venlo", "+01:00", "NL", "NLVEN"),
)

AIRPORTS = {
    "PVG": Place("Shanghai Pudong (PVG)", "+08:00", "CN", "CNPVG"),
    "HKG": Place("Hong Kong (HKG)", "+08:00", "HK", "HKHKG"),
    "DXB": Place("Dubai (DXB)", "+04:00", "AE", "AEDXB"),
    "FRA": Place("Frankfurt (FRA)", "+01:00", "DE", "DEFRA"),
    "AMS": Place("Amsterdam (AMS)", "+01:00", "NL", "NLAMS"),
    "ORD": Place("Chicago O'Hare (ORD)", "-06:00", "US", "USORD"),
    "JFK": Place("New York JFK (JFK)", "-05:00", "US", "USJFK"),
}
