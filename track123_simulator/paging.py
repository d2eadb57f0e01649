"""Cursor paging for query responses."""

from __future__ import annotations

import base64
import math
from typing import Any

MAX_PAGE_SIZE = 100


def encode_cursor(page: int) -> str:
    """Opaque cursor pointing at 1-based ``page``."""
    return base64.urlsafe_b64encode(f"page:{page}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """1-based page of ``cursor`` (empty: first page); raise ValueError when invalid."""
    if not cursor:
        return 1
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError) as err:
        raise ValueError("invalid cursor") from err
    prefix, _, number = raw.partition(":")
    if prefix != "page" or not number.isdigit() or int(number) < 1:
        raise ValueError("invalid cursor")
    return int(number)


def page_of[T](
    items: list[T], cursor: str | None, page_size: int
) -> tuple[list[T], dict[str, Any]]:
    """Return the items of the page ``cursor`` selects, and the page fields.

    Every page carries a cursor, the last one too, as the docs' example answer
    does (a single page: ``"totalPages": 1, "currentPage": 1, "cursor": "…"``): the
    end is told by ``currentPage`` reaching ``totalPages``. Past the end, the
    cursor gives an empty page [inferred].
    """
    page = decode_cursor(cursor)
    total_pages = math.ceil(len(items) / page_size)
    start = (page - 1) * page_size
    return items[start : start + page_size], {
        "totalElements": len(items),
        "totalPages": total_pages,
        "currentPage": page,
        "cursor": encode_cursor(page + 1),
    }


def single_page(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything on one page (queries by number)."""
    return {
        "content": items,
        "totalElements": len(items),
        "totalPages": 1 if items else 0,
        "currentPage": 1,
        "cursor": None,
    }
