"""Locate the shipped templates and prompts, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel the folder is copied into the package; in a checkout it sits beside it.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped folder {name!r} not found next to {_PACKAGE}")


def templates_dir() -> Path:
    return _find("templates")


def prompts_dir() -> Path:
    return _find("prompts")
