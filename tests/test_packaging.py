"""The wheel ships templates and prompts, so a non-editable `pip install .` works."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_templates_and_prompts(tmp_path):
    pytest.importorskip("hatchling", reason="hatchling (dev extra) builds the wheel")
    shutil.copytree(ROOT, tmp_path / "src", ignore=shutil.ignore_patterns(
        ".git", ".venv", "venv", "__pycache__", "*.egg-info", "benchmarks", "cassettes"))
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path / "dist"), str(tmp_path / "src")],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wheel = next((tmp_path / "dist").glob("briefing-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").glob("*.j2"):
        assert f"briefing/templates/{template.name}" in names
    for prompt in (ROOT / "prompts").glob("*.j2"):
        assert f"briefing/prompts/{prompt.name}" in names
    assert "briefing/cli/__init__.py" in names


def test_resources_found_from_checkout():
    from briefing.resources import templates_dir

    assert (templates_dir() / "briefing.md.j2").is_file()
