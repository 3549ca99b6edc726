"""The batch manifest: one JSON line per article, appended as each one finishes.

Lines are written whole and fsynced, outputs first and the line after, so the manifest never
names an output that is not on disk. On a rerun the last line for an input wins; a torn last
line (a crash mid-write) is ignored.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: ok: briefed this run; skipped: briefed in an earlier run, same content; failed, truncated,
#: deferred (token budget); ignored: a file or folder the walk does not read as an article
STATUSES = ("ok", "failed", "deferred", "truncated", "skipped", "ignored")


@dataclass
class ArticleResult:
    """What happened to one article in a batch run."""

    id: str
    input: str
    status: str
    run: str = ""  # when the run that wrote this line started (UTC, ISO 8601)
    model: str = ""
    content_sha256: str | None = None
    reason: str | None = None
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    cached: bool = False
    outputs: list[str] = field(default_factory=list)


def read_manifest(path: Path) -> dict[str, ArticleResult]:
    """The latest result per input from an existing manifest (empty when there is none)."""
    latest: dict[str, ArticleResult] = {}
    if not path.is_file():
        return latest
    fields = set(ArticleResult.__dataclass_fields__)
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                data = json.loads(line)
                result = ArticleResult(**{k: v for k, v in data.items() if k in fields})
            except (json.JSONDecodeError, TypeError):
                continue  # a torn line from a crash mid-write
            latest[result.input] = result
    return latest


class ManifestWriter:
    """Appends result lines safely from many threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def append(self, result: ArticleResult) -> None:
        line = json.dumps(asdict(result), ensure_ascii=False, sort_keys=True) + "\n"
        with self._lock:
            self._fh.write(line)
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        with self._lock:
            self._fh.close()
