"""Briefings and daily briefs saved as JSON: find them among inputs, read them back."""

from __future__ import annotations

from pathlib import Path

from .errors import RenderError
from .schema import Briefing, DailyBrief


def load_briefing(path: str | Path) -> Briefing:
    """Read a briefing saved as JSON."""
    from pydantic import ValidationError

    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    try:
        return Briefing.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise RenderError(f"{path}: not a briefing JSON ({where}: {first['msg']})") from None


def load_daily(path: str | Path) -> DailyBrief:
    """Read a daily brief saved as JSON (``--previous``)."""
    try:
        return DailyBrief.model_validate_json(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise RenderError(f"{path}: not a daily brief saved as JSON") from None


def split_saved(inputs: list[str]) -> tuple[list[Path], list[str]]:
    """Saved briefing files (``.json`` files, batch output folders' articles) and the other
    inputs, still to be briefed. Nothing is read."""
    files: list[Path] = []
    rest: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir() and (path / "manifest.jsonl").is_file():
            files += sorted((path / "articles").glob("*.json"))
        elif path.suffix.lower() == ".json" and path.is_file():
            files.append(path)
        else:
            rest.append(item)
    return files, rest


def load_saved(path: str | Path) -> Briefing | DailyBrief:
    """A briefing or a daily brief saved as JSON, whichever the file holds."""
    import json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RenderError(f"{path}: cannot read as JSON ({exc.__class__.__name__})") from None
    if isinstance(data, dict) and "stories" in data and "article" not in data:
        return load_daily(path)
    return load_briefing(path)
