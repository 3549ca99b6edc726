"""Settings: command-line flags > environment (``BRIEFING_*``) > config file > defaults.

Nothing here reads the environment or the disk at import time: ``load_settings`` does, when
it is called, so tests and the batch runner can pass their own ``env`` and config path.

The config file is TOML, at ``$BRIEFING_CONFIG`` or else
``$XDG_CONFIG_HOME/briefing/config.toml`` (``~/.config/briefing/config.toml``)::

    model = "ollama/llama3.2"
    base_url = "http://gpu-box:11434/v1"
    timeout = 120

API keys are read from the environment only, never from the command line (which ends up in
shell history and process lists) nor from the config file (which gets shared).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .engines.registry import OLLAMA_BASE_URL, lookup
from .errors import ConfigError, UsageError

DEFAULT_MODEL = "extractive"
MODES = ("tools", "json_schema", "json_object")


@dataclass(frozen=True)
class ModelSpec:
    """A parsed ``--model`` value: ``provider/name`` or a plain engine name (both the same)."""

    provider: str
    name: str
    separator: str = "/"

    @property
    def id(self) -> str:
        return (self.name if self.provider == self.name
                else f"{self.provider}{self.separator}{self.name}")

    @property
    def defaults(self) -> Mapping[str, Any]:
        """Settings this engine wants where nothing else set them (the registry's)."""
        return lookup(self.id)[0].defaults


def parse_model(model: str) -> ModelSpec:
    """Split ``provider/name`` by the engine registry; a UsageError lists the choices."""
    entry, name = lookup(model)
    return ModelSpec(entry.name, name, entry.separator)


@dataclass(frozen=True)
class Settings:
    """Everything an engine needs to reach a model. ``api_key`` is never printed."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    api_key_source: str | None = None  # the variable the key came from, for messages
    mode: str | None = None  # None: the engine's default (engines.registry)
    timeout: float = 300.0  # seconds per HTTP call (SDK default: 600); see engines.registry
    max_retries: int = 2  # transport retries by the openai client (429, 5xx, timeouts)
    max_reasks: int = 2  # validation re-asks by instructor, after the first answer
    max_tokens: int = 1500  # cap on the answer; reaching it is a TruncatedError
    max_input_chars: int = 12_000  # longer articles are cut at a paragraph, with a note
    temperature: float = 0.0
    # The language a model writes an article not in English in: "english" (the default) or
    # "original" (the article's own). Quotations, names and time phrases stay verbatim.
    language: str = "english"

    @property
    def spec(self) -> ModelSpec:
        return parse_model(self.model)

    def resolved_mode(self) -> str:
        """The structured-output mode: the configured one or the provider's default."""
        return self.mode or str(self.spec.defaults.get("mode", "json_object"))

    def resolved_base_url(self) -> str | None:
        """The server to call, or a ConfigError naming what to set."""
        spec = self.spec
        if self.base_url:
            return self.base_url.rstrip("/")
        if spec.provider == "ollama":
            return OLLAMA_BASE_URL
        if spec.provider == "openai-compatible":
            raise ConfigError(f"{spec.id} needs a server: set --base-url or BRIEFING_BASE_URL "
                              "(e.g. http://127.0.0.1:8080/v1)")
        return None  # openai: the SDK's default

    def resolved_api_key(self) -> str:
        """The key to send, or a ConfigError naming the variable to set."""
        spec = self.spec
        if self.api_key:
            return self.api_key
        if spec.provider == "openai" and not self.base_url:
            raise ConfigError(f"{spec.id} needs an API key: set OPENAI_API_KEY "
                              "(or BRIEFING_API_KEY)")
        # Local servers ignore the key, but the SDK insists on one.
        return "not-needed"


_ENV = {  # setting -> environment variable
    "model": "BRIEFING_MODEL", "base_url": "BRIEFING_BASE_URL", "mode": "BRIEFING_MODE",
    "timeout": "BRIEFING_TIMEOUT", "max_retries": "BRIEFING_MAX_RETRIES",
    "max_reasks": "BRIEFING_MAX_REASKS", "max_tokens": "BRIEFING_MAX_TOKENS",
    "max_input_chars": "BRIEFING_MAX_INPUT_CHARS", "temperature": "BRIEFING_TEMPERATURE",
    "language": "BRIEFING_LANGUAGE",
}
LANGUAGES = ("english", "original")
_FILE_KEYS = set(_ENV)


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the config file is looked for."""
    env = os.environ if env is None else env
    if env.get("BRIEFING_CONFIG"):
        return Path(env["BRIEFING_CONFIG"]).expanduser()
    base = env.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(base) / "briefing" / "config.toml"


def _read_file(path: Path, explicit: bool) -> dict[str, Any]:
    if not path.is_file():
        if explicit:
            raise ConfigError(f"config file {path} (BRIEFING_CONFIG) does not exist")
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {path}: {exc}") from None
    if "api_key" in data:
        raise ConfigError(f"config file {path}: api_key is not read from files; "
                          "set OPENAI_API_KEY or BRIEFING_API_KEY instead")
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise ConfigError(f"config file {path}: unknown keys {', '.join(unknown)}; "
                          f"known: {', '.join(sorted(_FILE_KEYS))}")
    return data


def _coerce(name: str, value: Any, origin: str) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind.startswith("float"):
            return float(value)
        if kind.startswith("int"):
            return int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{origin}: {name} must be a number, not {value!r}") from None
    if not isinstance(value, str):
        raise ConfigError(f"{origin}: {name} must be a string, not {value!r}")
    return value


def load_settings(env: Mapping[str, str] | None = None, path: Path | None = None,
                  **flags: Any) -> Settings:
    """Settings from ``flags`` (None means not given) > ``env`` > config file > defaults."""
    env = os.environ if env is None else env
    # A file named by BRIEFING_CONFIG must exist; the default location may well not.
    explicit = path is None and bool(env.get("BRIEFING_CONFIG"))
    file_path = path or config_path(env)
    values: dict[str, Any] = {}
    for key, value in _read_file(file_path, explicit).items():
        values[key] = _coerce(key, value, f"config file {file_path}")
    for key, var in _ENV.items():
        if env.get(var):
            values[key] = _coerce(key, env[var], var)
    for key, value in flags.items():
        if key not in _ENV:
            raise TypeError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = _coerce(key, value, f"--{key.replace('_', '-')}")
    spec = parse_model(values.get("model", DEFAULT_MODEL))
    for key, value in spec.defaults.items():
        values.setdefault(key, value)
    settings = Settings(**values)
    if settings.mode is not None and settings.mode not in MODES:
        raise UsageError(f"unknown mode {settings.mode!r}; known: {', '.join(MODES)}")
    if settings.language not in LANGUAGES:
        raise UsageError(f"unknown language {settings.language!r} (BRIEFING_LANGUAGE); "
                         f"known: {', '.join(LANGUAGES)}")
    # OPENAI_API_KEY goes to OpenAI only: a third-party server must never receive it.
    for var in ("BRIEFING_API_KEY", "OPENAI_API_KEY"):
        if env.get(var) and (var == "BRIEFING_API_KEY" or spec.provider == "openai"):
            return replace(settings, api_key=env[var], api_key_source=var)
    return settings
