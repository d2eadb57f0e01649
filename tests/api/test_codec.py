"""The JSON codec: a faster codec where given, the standard library for the rest."""

from collections.abc import Callable
import math
from typing import Any

import orjson
import pytest

from custom_components.track123.api.codec import JsonCodec

FAST = JsonCodec(orjson.loads, orjson.dumps)


@pytest.mark.parametrize("codec", [FAST, JsonCodec()], ids=["orjson", "standard"])
def test_decodes_an_answer(codec: JsonCodec) -> None:
    """An ordinary answer decodes the same with either codec."""
    raw = '{"code": "00000", "data": {"trackNo": "1Z999", "city": "Zürich"}}'.encode()

    assert codec.loads(raw) == {
        "code": "00000",
        "data": {"trackNo": "1Z999", "city": "Zürich"},
    }


@pytest.mark.parametrize(
    ("raw", "check"),
    [
        (b'{"transitDays": NaN}', lambda v: math.isnan(v["transitDays"])),
        (b'{"transitDays": 1e400}', lambda v: v["transitDays"] == math.inf),
        (b'{"remark": "\\ud800"}', lambda v: v["remark"] == "\ud800"),
    ],
    ids=["nan", "infinity", "lone-surrogate"],
)
def test_json_the_faster_codec_refuses_is_still_decoded(
    raw: bytes, check: Callable[[Any], bool]
) -> None:
    """An answer orjson refuses is decoded by the standard library, not lost."""
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(raw)

    assert check(FAST.loads(raw))


@pytest.mark.parametrize("codec", [FAST, JsonCodec()], ids=["orjson", "standard"])
def test_malformed_json_raises_value_error(codec: JsonCodec) -> None:
    """Bytes no codec can read raise ValueError, which the client reports."""
    with pytest.raises(ValueError):
        codec.loads(b'{"code": "00000", "data": ')


def test_encoding_falls_back_for_what_the_faster_codec_refuses() -> None:
    """An integer beyond 64 bits is encoded by the standard library."""
    value = {"weight": 2**70, "pieces": 3}

    assert FAST.dumps(value) == b'{"weight": 1180591620717411303424, "pieces": 3}'


@pytest.mark.parametrize("codec", [FAST, JsonCodec()], ids=["orjson", "standard"])
def test_encoding_is_stable_and_tells_values_apart(codec: JsonCodec) -> None:
    """Equal values give equal bytes and different values different bytes."""
    one = {"trackNo": "1Z999", "transitStatus": "INFO_RECEIVED"}

    assert codec.dumps(one) == codec.dumps(dict(one))
    assert codec.dumps(one) != codec.dumps({**one, "transitStatus": "IN_TRANSIT"})


def _nested(depth: int) -> list[Any]:
    """Return a list nested ``depth`` times."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("codec", [FAST, JsonCodec()], ids=["orjson", "standard"])
def test_nesting_too_deep_is_a_value_error(codec: JsonCodec) -> None:
    """Nesting beyond recursion is a ValueError both ways, never a RecursionError."""
    with pytest.raises(ValueError, match="nested too deeply"):
        codec.loads(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(ValueError, match="nested too deeply"):
        codec.dumps(_nested(100_000))
