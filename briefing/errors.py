"""Errors a user can act on. The CLI turns them into one line and an exit code."""

from __future__ import annotations


class BriefingError(Exception):
    """Root of every error `briefing` raises on purpose."""

    exit_code = 1


class UsageError(BriefingError):
    """A bad option, format or model name: the command line must change."""

    exit_code = 2


class InputError(BriefingError):
    """An input that cannot be read or is not an article."""

    exit_code = 1


class EngineError(BriefingError):
    """An engine failed to produce a briefing."""

    exit_code = 1


class TruncatedError(EngineError):
    """The model stopped at its output-token limit: the answer is incomplete."""

    status = "truncated"


class RenderError(BriefingError):
    """A template is missing or broken, or saved JSON is not a briefing."""

    exit_code = 1


class FetchError(InputError):
    """A URL could not be fetched safely: refused address, too large, too slow, wrong type."""
