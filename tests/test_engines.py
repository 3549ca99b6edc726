"""One engine contract and one registry: built-ins, plugins, and the local engine in a batch."""

from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

import pytest
from conftest import EXAMPLE, NOW
from typer.testing import CliRunner

from briefing.batch import BatchOptions, run_batch
from briefing.cli import app
from briefing.config import load_settings
from briefing.engines import Engine, get_engine, registry
from briefing.errors import UsageError

runner = CliRunner()

PLUGIN = '''
from briefing.engines import Engine
from briefing.engines.extractive import ExtractiveEngine


class MineEngine(Engine):
    name = "mine"

    def extract(self, article, *, now):
        b = ExtractiveEngine().extract(article, now=now)
        b.provenance.engine = self.name
        return b


def factory(settings):
    return MineEngine()
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An installed package advertising an engine in the ``briefing.engines`` group."""
    (tmp_path / "briefing_mine.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    point = metadata.EntryPoint(name="mine", value="briefing_mine:factory",
                                group="briefing.engines")
    real = metadata.entry_points

    def entry_points(**kwargs: str) -> object:
        if kwargs.get("group") == "briefing.engines":
            return metadata.EntryPoints([point])
        return real(**kwargs)

    monkeypatch.setattr(metadata, "entry_points", entry_points)
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    yield "mine"
    sys.modules.pop("briefing_mine", None)


def test_every_engine_shares_the_contract():
    engine = get_engine("extractive")
    assert isinstance(engine, Engine)
    assert engine.model_id == "extractive" and "extractive" in engine.fingerprint


def test_a_plugin_engine_is_accepted_by_config_and_listed(plugin, tmp_path):
    settings = load_settings(env={}, path=tmp_path / "none.toml", model=plugin)
    assert settings.spec.provider == "mine"
    config = tmp_path / "config.toml"
    config.write_text('model = "mine"\n')
    assert load_settings(env={"BRIEFING_CONFIG": str(config)}).model == "mine"
    listed = runner.invoke(app, ["models"])
    assert listed.exit_code == 0 and "mine" in listed.stdout
    out = runner.invoke(app, ["summarize", str(EXAMPLE), "--model", "mine", "-f", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["provenance"]["engine"] == "mine"


def test_an_unknown_model_lists_plugins_too(plugin):
    with pytest.raises(UsageError, match="mine"):
        registry.check_model("nope")


def test_registered_engines_and_prefixes_resolve():
    with registry.registered("acme", lambda settings: get_engine("extractive"), prefix=True,
                             defaults={"timeout": 5.0}):
        settings = load_settings(env={}, path=Path("/nonexistent.toml"), model="acme/big")
        assert settings.spec.id == "acme/big" and settings.timeout == 5.0
    with pytest.raises(UsageError):
        registry.check_model("acme/big")  # gone after the block


class _FakeLlama:
    """Stands in for llama_cpp.Llama: answers like the bundled model would."""

    def create_chat_completion_openai_v1(self, **kwargs: object) -> object:
        from openai.types.chat import ChatCompletion

        answer = {"summary": "Fire crews fought a blaze at the harbour warehouse.",
                  "key_points": [], "who": [], "what": [], "where": [], "when": [],
                  "sources": []}
        return ChatCompletion.model_validate({
            "id": "x", "object": "chat.completion", "created": 0, "model": "local",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                "role": "assistant", "content": json.dumps(answer)}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}})


def test_batch_with_the_local_engine_ends_cleanly_with_its_summary(tmp_path, monkeypatch):
    local = pytest.importorskip("briefing.engines.local")
    monkeypatch.setattr(local, "gguf_path", lambda: tmp_path / "model.gguf")
    monkeypatch.setattr(local, "_llama", lambda path: _FakeLlama())
    monkeypatch.setattr(local.LocalEngine, "isolate", False)  # the fake lives in this process
    src = tmp_path / "in"
    src.mkdir()
    (src / "fire.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    report = run_batch([str(src)], BatchOptions(output=tmp_path / "out", model="local",
                                                now=NOW, keep=True))
    assert report.count("ok") == 1 and report.model_requests == 1
    assert report.kept[0][1].provenance.model == local.MODEL_ID
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out2"), "--model",
                                 "local", "--no-cache", "--daily", str(tmp_path / "d.md")])
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output and (tmp_path / "d.md").is_file()
    assert "ok" in result.stderr  # the summary table printed after the run
