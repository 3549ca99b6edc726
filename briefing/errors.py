"""Errors a user can act on. The CLI turns them into one line and an exit code."""

from __future__ import annotations


class BriefingError(Exception):
    """Root of every error `briefing` raises on purpose.

    ``status`` is the batch manifest's word for it; ``usage`` the model tokens spent before
    it happened (a ``briefing.schema.Usage``, or None).
    """

    exit_code = 1
    status = "failed"
    usage: object = None


class UsageError(BriefingError):
    """A bad option, format or model name: the command line must change."""

    exit_code = 2


class InputError(BriefingError):
    """An input that cannot be read or is not an article."""

    exit_code = 1


class EngineError(BriefingError):
    """An engine failed to produce a briefing."""

    exit_code = 1


class ModelError(EngineError):
    """A model call failed: server unreachable or refusing, or no usable answer.

    ``usage`` is the ``briefing.schema.Usage`` spent before the failure (None when
    unknown), so a batch can report and budget it.
    """

    def __init__(self, message: str, *, usage: object = None) -> None:
        super().__init__(message)
        self.usage = usage


class TruncatedError(ModelError):
    """The model stopped at its output-token limit: the answer is incomplete.

    Its own outcome: never re-asked with the same limit.
    """

    status = "truncated"


class RenderError(BriefingError):
    """A template is missing or broken, or saved JSON is not a briefing."""

    exit_code = 1


class FetchError(InputError):
    """A URL could not be fetched safely: refused address, too large, too slow, wrong type."""


class ConfigError(BriefingError):
    """Missing or bad configuration: an API key, a server URL, the config file."""

    exit_code = 1
