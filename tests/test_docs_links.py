"""Every relative link in the README and in docs/ leads to a file of the repository."""

from __future__ import annotations

from pathlib import Path
import re
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md")])

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
# [text](target "title") and ![alt](target); the text may hold a nested image.
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
# [label]: target
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def relative_links(markdown: str) -> list[str]:
    """Return the targets of the relative links in ``markdown``, fragments removed.

    Links inside code (fenced blocks and code spans) are not links; targets with a
    scheme (``https:``, ``mailto:``) and bare fragments (``#section``) are not files.
    """
    text = _CODE_SPAN.sub("", _FENCE.sub("", markdown))
    targets = _INLINE.findall(text) + _REFERENCE.findall(text)
    paths = [unquote(target.split("#", 1)[0]) for target in targets]
    return [
        path
        for path, target in zip(paths, targets, strict=True)
        if path and not _SCHEME.match(target)
    ]


def test_relative_links_found_and_others_left_out() -> None:
    """Links, images and badges count; code, URLs and fragments do not."""
    markdown = (
        "See [the guide](docs/guide.md#set-up) and ![shot](img/a.png 'A shot').\n"
        "[![badge](badge.svg)](https://example.com/x) [top](#top) <https://a.example>\n"
        "Mail [us](mailto:a@b.example); `[not](code.md)`; [spaced](my%20file.md).\n"
        "```markdown\n[fenced](fenced.md)\n```\n"
        "[ref]: ../LICENSE\n"
    )
    assert relative_links(markdown) == [
        "docs/guide.md",
        "img/a.png",
        "badge.svg",
        "my file.md",
        "../LICENSE",
    ]


def test_documents_found() -> None:
    """The README and the documents under docs/ are all checked."""
    names = {path.relative_to(REPO).as_posix() for path in DOCUMENTS}
    assert {"README.md", "docs/development.md", "docs/interfaces.md"} <= names


@pytest.mark.parametrize(
    "document", DOCUMENTS, ids=lambda path: path.relative_to(REPO).as_posix()
)
def test_relative_links_resolve(document: Path) -> None:
    """Each relative link of the document names a file or folder of the repository."""
    links = relative_links(document.read_text(encoding="utf-8"))
    broken = [
        link
        for link in links
        if not (target := (document.parent / link).resolve()).exists()
        or not target.is_relative_to(REPO)
    ]
    assert not broken, f"{document.relative_to(REPO)}: no such file: {broken}"
