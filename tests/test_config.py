"""Settings precedence, model specs, and where keys may (not) come from."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import (
    OLLAMA_BASE_URL,
    config_path,
    load_settings,
    parse_model,
)
from briefing.engines import check_model, get_engine
from briefing.errors import ConfigError, UsageError


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_precedence_flags_over_env_over_file_over_defaults(tmp_path):
    path = _file(tmp_path, 'model = "ollama/a"\ntimeout = 11\nmax_tokens = 900\n')
    env = {"BRIEFING_MODEL": "ollama/b", "BRIEFING_TIMEOUT": "22"}
    s = load_settings(env=env, path=path, model="ollama/c")
    assert (s.model, s.timeout, s.max_tokens, s.max_reasks) == ("ollama/c", 22.0, 900, 2)
    s = load_settings(env={}, path=path)
    assert (s.model, s.timeout) == ("ollama/a", 11.0)
    s = load_settings(env={}, path=tmp_path / "absent.toml")
    assert s.model == "extractive"


def test_config_file_from_env_and_xdg(tmp_path):
    assert config_path({"BRIEFING_CONFIG": "/x/c.toml"}) == Path("/x/c.toml")
    assert config_path({"XDG_CONFIG_HOME": "/cfg"}) == Path("/cfg/briefing/config.toml")
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(env={"BRIEFING_CONFIG": str(tmp_path / "missing.toml")})
    path = _file(tmp_path, 'model = "local"\n')
    assert load_settings(env={"BRIEFING_CONFIG": str(path)}).model == "local"


def test_config_file_never_holds_keys_and_rejects_unknown_keys(tmp_path):
    with pytest.raises(ConfigError, match="api_key is not read from files"):
        load_settings(env={}, path=_file(tmp_path, 'api_key = "sk-x"\n'))
    with pytest.raises(ConfigError, match="unknown keys modle"):
        load_settings(env={}, path=_file(tmp_path, 'modle = "x"\n'))
    with pytest.raises(ConfigError, match="timeout must be a number"):
        load_settings(env={"BRIEFING_TIMEOUT": "soon"}, path=tmp_path / "none.toml")


def test_model_specs():
    assert parse_model("openai/gpt-4o-mini").id == "openai/gpt-4o-mini"
    assert parse_model("openai-compatible/smollm2").provider == "openai-compatible"
    assert parse_model("local").provider == "local"
    for bad in ("gpt-4o", "openai/", "foo/bar"):
        with pytest.raises(UsageError, match="known: extractive, local"):
            parse_model(bad)
        with pytest.raises(UsageError):
            check_model(bad)
    check_model("ollama/llama3.2")


def test_openai_key_from_env_only_and_never_sent_elsewhere(tmp_path):
    none = tmp_path / "none.toml"
    s = load_settings(env={"OPENAI_API_KEY": "sk-a"}, path=none, model="openai/gpt-4o-mini")
    assert (s.resolved_api_key(), s.api_key_source) == ("sk-a", "OPENAI_API_KEY")
    assert "sk-a" not in repr(s)
    s = load_settings(env={"OPENAI_API_KEY": "sk-a", "BRIEFING_API_KEY": "b"}, path=none,
                      model="openai/gpt-4o-mini")
    assert s.resolved_api_key() == "b"
    # OpenAI's key must not travel to a third-party or local server.
    s = load_settings(env={"OPENAI_API_KEY": "sk-a"}, path=none,
                      model="openai-compatible/x", base_url="http://127.0.0.1:1/v1")
    assert s.resolved_api_key() == "not-needed"


def test_missing_key_and_missing_server_name_what_to_set(tmp_path, monkeypatch):
    none = tmp_path / "none.toml"
    with pytest.raises(ConfigError, match="set OPENAI_API_KEY"):
        load_settings(env={}, path=none, model="openai/gpt-4o-mini").resolved_api_key()
    with pytest.raises(ConfigError, match="--base-url or BRIEFING_BASE_URL"):
        load_settings(env={}, path=none, model="openai-compatible/x").resolved_base_url()
    ollama = load_settings(env={}, path=none, model="ollama/llama3.2")
    assert ollama.resolved_base_url() == OLLAMA_BASE_URL
    assert ollama.resolved_mode() == "json_schema"
    for var in ("OPENAI_API_KEY", "BRIEFING_API_KEY", "BRIEFING_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRIEFING_CONFIG", str(_file(tmp_path, "")))
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        get_engine("openai/gpt-4o-mini")


def test_provider_defaults(tmp_path):
    none = tmp_path / "none.toml"
    assert load_settings(env={}, path=none, model="openai/x").timeout == 60.0
    assert load_settings(env={}, path=none, model="ollama/x").timeout == 300.0
    local = load_settings(env={}, path=none, model="local")
    assert (local.max_reasks, local.max_input_chars) == (1, 8000)
    assert load_settings(env={"BRIEFING_MAX_REASKS": "3"}, path=none,
                         model="local").max_reasks == 3
    with pytest.raises(UsageError, match="unknown mode"):
        load_settings(env={"BRIEFING_MODE": "xml"}, path=none, model="ollama/x")


def test_cli_without_key_is_one_line_naming_the_variable(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from briefing.cli import app

    for var in ("OPENAI_API_KEY", "BRIEFING_API_KEY", "BRIEFING_BASE_URL", "BRIEFING_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRIEFING_CONFIG", str(_file(tmp_path, "")))
    article = Path(__file__).resolve().parents[1] / "examples" / "harbour-fire.txt"
    result = CliRunner().invoke(app, ["summarize", str(article), "--model",
                                      "openai/gpt-4o-mini"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "OPENAI_API_KEY" in lines[0], result.output


def test_cli_lists_models():
    from typer.testing import CliRunner

    from briefing.cli import app

    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0
    for name in ("extractive", "local", "openai/MODEL", "ollama/MODEL",
                 "openai-compatible/MODEL", "OPENAI_API_KEY", "BRIEFING_BASE_URL"):
        assert name in result.output
