"""What a release is made of agrees with itself: versions, the supported range, CI.

The manifest's version is the one HACS shows and the release's tag; the changelog has
its section; the minimum Home Assistant in hacs.json and the README is the one the
matrix tests; the workflows and .ci/run run the README's own commands.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
import tomllib

import yaml

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "custom_components" / "track123" / "manifest.json"
README = (REPO / "README.md").read_text(encoding="utf-8")
CHANGELOG = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
# "## [0.3.0] - 2026-11-29", or "## [Unreleased]" at the top.
RELEASE_HEADING = re.compile(
    r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\S+))?$", re.MULTILINE
)


def _manifest_version() -> str:
    version: str = json.loads(MANIFEST.read_text(encoding="utf-8"))["version"]
    return version


def _pinned(lock: Path, package: str) -> str:
    """Return the version a lock file pins a package at."""
    for line in lock.read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower() == package:
            return version.strip()
    raise AssertionError(f"{lock.name} does not pin {package}")


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_one_version_everywhere() -> None:
    """The manifest, the Python project and the card's package carry one version."""
    version = _manifest_version()
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    card = json.loads((REPO / "frontend" / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert pyproject["project"]["version"] == version
    assert card["version"] == version


def test_changelog_has_this_version() -> None:
    """The changelog (Keep a Changelog) opens with Unreleased, then this version, dated."""
    headings = list(RELEASE_HEADING.finditer(CHANGELOG))
    assert CHANGELOG.startswith("# Changelog\n")
    assert "keepachangelog.com" in CHANGELOG
    assert headings[0]["version"] == "Unreleased"
    assert headings[1]["version"] == _manifest_version()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", headings[1]["date"] or "")
    versions = [heading["version"] for heading in headings[1:]]
    assert len(versions) == len(set(versions))
    # Each release says what changed under Keep a Changelog's own headings.
    sections = set(re.findall(r"^### (\w+)$", CHANGELOG, re.MULTILINE))
    assert sections <= {
        "Added",
        "Changed",
        "Deprecated",
        "Removed",
        "Fixed",
        "Security",
    }


def test_minimum_home_assistant_is_the_one_tested() -> None:
    """hacs.json and the README name the Home Assistant the matrix's suite runs on."""
    hacs = json.loads((REPO / "hacs.json").read_text(encoding="utf-8"))
    minimum = _pinned(REPO / "requirements" / "minimum.lock", "homeassistant")
    assert hacs["homeassistant"] == minimum
    assert f"The minimum Home Assistant version is {minimum}." in README
    main = _pinned(REPO / "requirements.lock", "homeassistant")
    newest = _pinned(REPO / "requirements" / "newest.lock", "homeassistant")
    assert _release(minimum) < _release(main) <= _release(newest)


def test_zip_release_is_what_the_release_workflow_attaches() -> None:
    """HACS downloads the file the release workflow uploads."""
    hacs = json.loads((REPO / "hacs.json").read_text(encoding="utf-8"))
    release = (REPO / ".github" / "workflows" / "release.yml").read_text(
        encoding="utf-8"
    )
    assert hacs["zip_release"] is True
    assert f'"$GITHUB_WORKSPACE/{hacs["filename"]}"' in release
    assert f'gh release upload "$TAG" {hacs["filename"]}' in release


def _run_steps(workflow: str) -> list[str]:
    """Return the shell commands of a workflow's steps."""
    data = yaml.safe_load(
        (REPO / ".github" / "workflows" / workflow).read_text(encoding="utf-8")
    )
    return [
        step["run"].strip()
        for job in data["jobs"].values()
        for step in job["steps"]
        if "run" in step
    ]


def test_ci_runs_the_readme_commands() -> None:
    """The test workflow and .ci/run run exactly the README's set-up and test commands."""
    commands = ["scripts/setup --matrix", "scripts/test --matrix"]
    assert _run_steps("tests.yml") == commands
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in ci_run if line.startswith("scripts/")] == commands
    for command in commands:
        assert command in README
