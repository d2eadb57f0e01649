"""Move the test environment to a new pytest-homeassistant-custom-component release.

``scripts/bump-test-plugin VERSION`` runs this: it reads which Home Assistant the plugin
release pins, updates the plugin's pin and every pin of requirements_test.txt that this
Home Assistant pins too (its frontend, voice and camera packages), then rewrites
requirements.lock with scripts/lock. Lines ending in ``# stand-in`` keep their pin: they
replace a package Home Assistant pins at a version with no wheel for our Python.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements_test.txt"
LOCK = ROOT / "requirements.lock"
PLUGIN = "pytest-homeassistant-custom-component"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s#]+)(?P<rest>.*)$")


def normalized(name: str) -> str:
    """Return a package name as the package index compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()


def download(requirement: str, folder: Path) -> Path:
    """Download one wheel, without its dependencies; return its path."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--dest",
            str(folder),
            requirement,
        ],
        check=True,
    )
    name = normalized(requirement.split("==", maxsplit=1)[0]).replace("-", "_")
    return next(
        path
        for path in folder.glob("*.whl")
        if normalized(path.name).startswith(normalized(name))
    )


def pinned_home_assistant(plugin_wheel: Path) -> str:
    """Return the Home Assistant version a plugin wheel requires."""
    with zipfile.ZipFile(plugin_wheel) as wheel:
        metadata = next(
            n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")
        )
        for line in wheel.read(metadata).decode().splitlines():
            if match := re.fullmatch(r"Requires-Dist: homeassistant==(\S+)", line):
                return match.group(1)
    raise SystemExit(f"{plugin_wheel.name} does not pin homeassistant")


def home_assistant_pins(wheel_path: Path) -> dict[str, str]:
    """Return every version a Home Assistant wheel pins: its constraints, its manifests."""
    pins: dict[str, str] = {}
    with zipfile.ZipFile(wheel_path) as wheel:
        texts = (
            wheel.read("homeassistant/package_constraints.txt").decode().splitlines()
        )
        for name in wheel.namelist():
            if re.fullmatch(r"homeassistant/components/[^/]+/manifest\.json", name):
                texts += json.loads(wheel.read(name)).get("requirements", [])
    for text in texts:
        if match := PIN.match(text.strip()):
            pins.setdefault(normalized(match["name"]), match["version"])
    return pins


def bump(
    lines: list[str], plugin: str, pins: dict[str, str]
) -> tuple[list[str], list[str]]:
    """Return the requirement lines with new pins, and what changed."""
    result, changes = [], []
    for line in lines:
        match = PIN.match(line)
        if match is None or match["rest"].strip() == "# stand-in":
            result.append(line)
            continue
        name = normalized(match["name"])
        new = plugin if name == PLUGIN else pins.get(name, match["version"])
        if new != match["version"]:
            changes.append(f"{match['name']}: {match['version']} -> {new}")
        result.append(f"{match['name']}=={new}{match['rest']}")
    return result, changes


def main(argv: list[str] | None = None) -> int:
    """Update the pins and the lock for a plugin release."""
    parser = argparse.ArgumentParser(prog="scripts/bump-test-plugin")
    parser.add_argument("version", help=f"the {PLUGIN} release, e.g. 0.13.376")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        plugin_wheel = download(f"{PLUGIN}=={args.version}", Path(folder))
        home_assistant = pinned_home_assistant(plugin_wheel)
        print(f"==> {PLUGIN} {args.version} pins Home Assistant {home_assistant}")
        pins = home_assistant_pins(
            download(f"homeassistant=={home_assistant}", Path(folder))
        )
    lines, changes = bump(
        REQUIREMENTS.read_text(encoding="utf-8").splitlines(), args.version, pins
    )
    if not changes:
        print("==> requirements_test.txt already pins these versions")
        return 0
    REQUIREMENTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for change in changes:
        print(f"    {change}")
    subprocess.run(
        [
            str(ROOT / "scripts" / "lock"),
            str(REQUIREMENTS.relative_to(ROOT)),
            str(LOCK.relative_to(ROOT)),
        ],
        check=True,
        cwd=ROOT,
    )
    print(
        "==> now run scripts/setup and scripts/test (and move CHANGELOG.md's Unreleased)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
