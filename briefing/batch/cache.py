"""A SQLite cache of finished briefings, so nothing is paid for twice.

The key covers everything that changes a briefing: the cleaned text's hash, the schema
version, the engine's fingerprint (model, prompt version, settings) and the quality-gate
override. A changed prompt or schema therefore misses, and the model is asked again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

from ..cachedir import cache_dir
from ..errors import UsageError
from ..schema import SCHEMA_VERSION, Briefing


def default_cache_path() -> Path:
    folder = cache_dir()
    if folder is None:
        raise UsageError("no home folder for the cache; use --cache PATH or --no-cache")
    return folder / "cache.sqlite"


def cache_key(content_sha256: str, fingerprint: str, force: bool = False) -> str:
    """The cache key for one article under one engine configuration."""
    parts = [content_sha256, SCHEMA_VERSION, fingerprint, "force" if force else ""]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class BriefingCache:
    """Thread-safe get/put of briefing JSON by key (WAL mode, one connection, a lock)."""

    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS briefings (key TEXT PRIMARY KEY, "
                             "created REAL NOT NULL, briefing TEXT NOT NULL)")
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise UsageError(f"cache {path}: cannot open ({exc}); use --cache PATH or "
                             "--no-cache") from None
        self.path = path
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Briefing | None:
        with self._lock:
            row = self._db.execute("SELECT briefing FROM briefings WHERE key = ?",
                                   (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            briefing = Briefing.model_validate_json(row[0])
        except ValueError:  # written by an incompatible version: treat as a miss
            self.misses += 1
            return None
        self.hits += 1
        return briefing

    def put(self, key: str, briefing: Briefing) -> None:
        data = briefing.model_dump_json()
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO briefings VALUES (?, ?, ?)",
                             (key, time.time(), data))
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()
