"""The user's cache folder, and tables derived from data packages kept there.

One place for both: the batch cache of briefings lives in the folder, and the NLP tables
(gazetteer, person names) that take about a second to build are kept there as marshal
files so a one-article run starts fast. A home that cannot be found or written costs speed,
never a failure.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/briefing`` or ``~/.cache/briefing``; None when there is no home
    (a service account without one, ``HOME`` unset and no password entry)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):
            return None
    return Path(base) / "briefing"


def derived_table(stem: str, versions: tuple[str, ...], build: Callable[[], T],
                  load: Callable[[Any], T], dump: Callable[[T], Any]) -> T:
    """``build()``'s result, kept in ``<cache_dir>/<stem>-<versions>.marshal``.

    ``versions`` names what the table is made from (package versions, a format number), so a
    new version is a new file; empty ``versions`` (a version not known) means no file. ``dump``
    turns the table into what marshal stores, ``load`` back; an unreadable file (another
    Python, a torn write, a folder we may not read) is rebuilt, and an empty table is not
    kept.
    """
    folder = cache_dir()
    path = None if folder is None or not versions else \
        folder / f"{stem}-{'-'.join(versions)}.marshal"
    if path is not None:
        try:
            return load(marshal.loads(path.read_bytes()))
        except (OSError, ValueError, EOFError, TypeError):
            pass  # missing, unreadable, from another Python or torn: build it
    table = build()
    if path is not None and table:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(dump(table)))
            os.replace(tmp, path)
        except (OSError, ValueError):
            pass  # a read-only home still works, just slower
    return table
