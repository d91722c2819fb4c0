"""The Nu Html Checker (vnu-jar from npm), for the browser tests that validate pages."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


def require_vnu():
    """Skip without vnu.jar or java; with REQUIRE_BROWSER=1 (CI) fail instead."""
    if not VNU.exists() or not shutil.which("java"):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("vnu.jar (npm ci) or java is missing")
        pytest.skip("vnu.jar (npm ci) or java is missing")


def vnu_errors(files) -> list:
    """The checker's error messages for the given HTML files (empty when all are valid)."""
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
