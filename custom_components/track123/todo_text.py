"""What a to-do item's text says: a tracking number, a label, and the kind it looks like.

"1Z999AA10123456784 new shoes", typed in the To-do panel or said to a voice
assistant, is the number 1Z999AA10123456784 with the label "New shoes" (the voice
assistant capitalises the first letter of what it heard).
"""

from typing import Final, NamedTuple

from .const import DEFAULT_KIND, ShipmentKind
from .kinds import KINDS

# Around a number in a sentence, not part of it.
_PUNCTUATION: Final = ",;:.!?\"'()[]"


class ItemText(NamedTuple):
    """A to-do item's text, read."""

    number: str
    label: str | None
    kind: ShipmentKind


def kind_of_number(number: str) -> ShipmentKind:
    """Return the kind of shipment a number's shape tells; a parcel by default."""
    shape = number.upper()
    for kind, spec in KINDS.items():
        if spec.number_shape is not None and spec.number_shape.fullmatch(shape):
            return kind
    return DEFAULT_KIND


def read_item(text: str) -> ItemText | None:
    """Return the number, label and kind in an item's text; None without a number.

    The number is the longest word with a digit in it (the first of equals), so
    "2 pairs of boots 1Z999AA10123456784" is the number with the label
    "2 pairs of boots". The other words, in their order, are the label.
    """
    words = text.split()
    numbered = [
        (index, word.strip(_PUNCTUATION))
        for index, word in enumerate(words)
        if any(char.isdigit() for char in word)
    ]
    if not numbered:
        return None
    index, number = max(numbered, key=lambda pair: len(pair[1]))
    label = " ".join(words[:index] + words[index + 1 :]).strip() or None
    # Track123 matches numbers whatever their case; carriers print them in capitals.
    number = number.upper()
    return ItemText(number, label, kind_of_number(number))
