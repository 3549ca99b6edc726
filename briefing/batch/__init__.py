"""Many articles: concurrent, cached, resumable, rate-limited, with a manifest and a report."""

from __future__ import annotations

from .manifest import ArticleResult
from .runner import BatchOptions, BatchReport, expand_inputs, run_batch, run_batch_async

__all__ = ["ArticleResult", "BatchOptions", "BatchReport", "expand_inputs", "run_batch",
           "run_batch_async"]
