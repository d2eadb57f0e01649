"""Courier, ocean carrier and airline catalogues, and courier detection by number pattern."""

from __future__ import annotations

from dataclasses import dataclass
import re


@dataclass(frozen=True, slots=True)
class Courier:
    """One entry of a courier / carrier / airline list."""

    code: str
    name_en: str
    name_cn: str
    home_page: str
    tracking_link: str = ""
    prefix: str = ""

    def link_for(self, number: str) -> str:
        """Return the carrier's tracking page for ``number``."""
        return (
            self.tracking_link.format(number=number)
            if self.tracking_link
            else self.home_page
        )

    def as_list_item(self) -> dict[str, str]:
        """Return the courier-list shape."""
        item = {
            "courierCode": self.code,
            "courierNameCN": self.name_cn,
            "courierNameEN": self.name_en,
            "courierHomePage": self.home_page,
        }
        if self.prefix:
            item["prefix"] = self.prefix
        return item


def _index(couriers: tuple[Courier, ...]) -> dict[str, Courier]:
    return {courier.code: courier for courier in couriers}


PARCEL_COURIERS = _index(
    (
        Courier(
            "ups",
            "UPS",
            "UPS",
            "https://www.ups.com",
            "https://www.ups.com/track?tracknum={number}",
        ),
        Courier(
            "fedex",
            "FedEx",
            "联邦快递",
            "https://www.fedex.com",
            "https://www.fedex.com/fedextrack/?trknbr={number}",
        ),
        Courier(
            "usps",
            "USPS",
            "美国邮政",
            "https://www.usps.com",
            "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
        ),
        Courier(
            "dhl",
            "DHL Express",
            "DHL快递",
            "https://www.dhl.com",
            "https://www.dhl.com/en/express/tracking.html?AWB={number}",
        ),
        Courier(
            "dhl-ecommerce",
            "DHL eCommerce",
            "DHL电子商务",
            "https://www.dhl.com/ecommerce",
        ),
        Courier("china-post", "China Post", "中国邮政", "https://www.ems.com.cn"),
        Courier("china-ems", "China EMS", "中国EMS", "https://www.ems.com.cn"),
        Courier(
            "cainiao",
            "Cainiao",
            "菜鸟",
            "https://global.cainiao.com",
            "https://global.cainiao.com/detail.htm?mailNoList={number}",
        ),
        Courier("yunexpress", "YunExpress", "云途物流", "https://www.yuntrack.com"),
        Courier(
            "royal-mail", "Royal Mail", "英国皇家邮政", "https://www.royalmail.com"
        ),
        Courier("postnl", "PostNL", "荷兰邮政", "https://www.postnl.nl"),
        Courier(
            "deutsche-post", "Deutsche Post", "德国邮政", "https://www.deutschepost.de"
        ),
        Courier(
            "canada-post",
            "Canada Post",
            "加拿大邮政",
            "https://www.canadapost-postescanada.ca",
        ),
        Courier(
            "australia-post", "Australia Post", "澳大利亚邮政", "https://auspost.com.au"
        ),
        Courier("gls", "GLS", "GLS", "https://gls-group.com"),
        Courier("dpd", "DPD", "DPD", "https://www.dpd.com"),
        Courier("saf", "SAF", "SAF", "https://www.saf.example"),
    )
)

OCEAN_CARRIERS = _index(
    (
        Courier("MAEU", "Maersk", "马士基", "https://www.maersk.com", prefix="MSKU"),
        Courier("MSCU", "MSC", "地中海航运", "https://www.msc.com", prefix="MSCU"),
        Courier(
            "CMDU", "CMA CGM", "达飞轮船", "https://www.cma-cgm.com", prefix="CMAU"
        ),
        Courier(
            "COSU",
            "COSCO Shipping",
            "中远海运",
            "https://lines.coscoshipping.com",
            prefix="CSNU",
        ),
        Courier(
            "HLCU",
            "Hapag-Lloyd",
            "赫伯罗特",
            "https://www.hapag-lloyd.com",
            prefix="HLXU",
        ),
        Courier(
            "ONEY",
            "Ocean Network Express",
            "海洋网联",
            "https://www.one-line.com",
            prefix="ONEU",
        ),
        Courier(
            "EGLV",
            "Evergreen",
            "长荣海运",
            "https://www.evergreen-line.com",
            prefix="EGHU",
        ),
    )
)

AIRLINES = _index(
    (
        Courier(
            "EK",
            "Emirates SkyCargo",
            "阿联酋航空货运",
            "https://www.skycargo.com",
            prefix="176",
        ),
        Courier(
            "LH",
            "Lufthansa Cargo",
            "汉莎货运",
            "https://www.lufthansa-cargo.com",
            prefix="020",
        ),
        Courier(
            "CX",
            "Cathay Cargo",
            "国泰货运",
            "https://www.cathaycargo.com",
            prefix="160",
        ),
        Courier(
            "AF",
            "Air France Cargo",
            "法航货运",
            "https://www.afklcargo.com",
            prefix="057",
        ),
        Courier(
            "KL", "KLM Cargo", "荷航货运", "https://www.afklcargo.com", prefix="074"
        ),
        Courier(
            "CA",
            "Air China Cargo",
            "国货航",
            "https://www.airchinacargo.com",
            prefix="999",
        ),
        Courier(
            "SQ",
            "Singapore Airlines Cargo",
            "新加坡航空货运",
            "https://www.siacargo.com",
            prefix="618",
        ),
        Courier(
            "AA",
            "American Airlines Cargo",
            "美国航空货运",
            "https://www.aacargo.com",
            prefix="001",
        ),
    )
)

_PARCEL_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^1Z[0-9A-Z]{16}$"), ("ups",)),
    (re.compile(r"^9[2-5]\d{20}$"), ("usps",)),
    (re.compile(r"^(\d{12}|\d{15}|\d{20})$"), ("fedex", "usps")),
    (re.compile(r"^\d{10}$"), ("dhl", "dhl-ecommerce")),
    (re.compile(r"^(JJD|JVGL)\w+$"), ("dhl", "deutsche-post")),
    (re.compile(r"^(GM|LX|LV|UR)\d{9,18}$"), ("dhl-ecommerce", "china-post")),
    (re.compile(r"^YT\d{16}$"), ("yunexpress",)),
    (re.compile(r"^(LP|CNG|CN)\w{8,}$"), ("cainiao",)),
    (re.compile(r"^[A-Z]{2}\d{9}CN$"), ("china-post", "china-ems", "cainiao")),
    (re.compile(r"^[A-Z]{2}\d{9}GB$"), ("royal-mail",)),
    (re.compile(r"^[A-Z]{2}\d{9}NL$"), ("postnl",)),
    (re.compile(r"^[A-Z]{2}\d{9}DE$"), ("deutsche-post",)),
    (re.compile(r"^[A-Z]{2}\d{9}US$"), ("usps",)),
    (re.compile(r"^[A-Z]{2}\d{9}CA$"), ("canada-post",)),
    (re.compile(r"^[A-Z]{2}\d{9}AU$"), ("australia-post",)),
)


def detect_parcel_couriers(number: str) -> list[Courier]:
    """Candidate couriers for a parcel number, best first (empty when nothing matches)."""
    cleaned = number.strip().upper()
    found: list[str] = []
    for pattern, codes in _PARCEL_PATTERNS:
        if pattern.match(cleaned):
            found.extend(code for code in codes if code not in found)
    return [PARCEL_COURIERS[code] for code in found]


def detect_ocean_carrier(number: str) -> Courier | None:
    """Return the carrier whose container prefix starts ``number``, if any."""
    head = number.strip().upper()[:4]
    for carrier in OCEAN_CARRIERS.values():
        if carrier.prefix == head:
            return carrier
    return None


AWB_PATTERN = re.compile(r"^(\d{3})-?(\d{8})$")


def airline_for_awb(number: str) -> Courier | None:
    """Return the airline owning an air waybill's three-digit prefix, if known."""
    match = AWB_PATTERN.match(number.strip())
    if match is None:
        return None
    for airline in AIRLINES.values():
        if airline.prefix == match.group(1):
            return airline
    return None
