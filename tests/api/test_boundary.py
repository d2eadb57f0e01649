"""The client library stands alone: no Home Assistant import anywhere under api/."""

import ast
from pathlib import Path
import sys

API_DIR = Path(__file__).parents[2] / "custom_components" / "track123" / "api"
ALLOWED_THIRD_PARTY = {"aiohttp"}


def _imported_roots(path: Path) -> set[str]:
    """Return the top-level packages a module imports (relative imports excluded)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_api_imports_only_aiohttp_and_the_standard_library() -> None:
    """Every module under api/ imports aiohttp, the standard library or itself."""
    modules = sorted(API_DIR.glob("*.py"))
    assert len(modules) >= 5
    for module in modules:
        outside = {
            root
            for root in _imported_roots(module)
            if root not in ALLOWED_THIRD_PARTY and root not in sys.stdlib_module_names
        }
        assert outside == set(), f"{module.name} imports {outside}"
