"""Fail when any module of custom_components has less than the required coverage.

Reads the coverage data the test run left behind (``.coverage``).
"""

import json
from pathlib import Path
import subprocess
import sys
import tempfile

REQUIRED = 95.0


def main() -> int:
    """Check every measured file; print the ones below the bar."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "coverage.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "coverage",
                "json",
                "-q",
                "--fail-under=0",
                "-o",
                str(report),
            ],
            check=True,
        )
        files = json.loads(report.read_text(encoding="utf-8"))["files"]
    below = {
        name: data["summary"]["percent_covered"]
        for name, data in files.items()
        if data["summary"]["percent_covered"] < REQUIRED
    }
    for name, percent in sorted(below.items()):
        print(f"{name}: {percent:.1f} % covered, {REQUIRED:.0f} % required")
    print(f"{len(files)} modules measured, {len(below)} below {REQUIRED:.0f} %")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
