"""Many briefings -> one daily brief of stories (clusters, corroboration, conflicts)."""

from __future__ import annotations

from .build import build_daily

__all__ = ["build_daily"]
