"""Fixtures for the LLM engine's tests: VCR set-up, scrubbing, and the "every cassette was
played" check. Imported by the LLM test modules (``from llm_fixtures import *``).

Recording (against a real llama-cpp-python server with Qwen2.5-Coder-1.5B-Instruct; the
steps, in order, are in docs/llm.md, "Cassettes"):

    GGUF=$(bash ../shared/tools/qwen-gguf.sh)
    python -m llama_cpp.server --model "$GGUF" --model_alias qwen --host 127.0.0.1 \\
        --port 8765 --n_ctx 8192 --seed 0 --verbose False
    pytest tests/test_llm.py -k test_extract --record-mode=once

Replay (CI): ``pytest --record-mode=none --block-network``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.clean.article import clean_text
from briefing.config import Settings, load_settings
from briefing.engines.llm import LLMEngine
from briefing.schema import Article

ROOT = Path(__file__).resolve().parents[1]
CASSETTES = ROOT / "cassettes"
# Requests are matched on method, path and body, not host or port: any port can record.
BASE_URL = os.environ.get("BRIEFING_RECORD_BASE_URL", "http://127.0.0.1:8765/v1")
# A busy recording server (one request at a time, minutes each) may need longer; the timeout
# is not part of the request, so cassettes do not depend on it.
TIMEOUT = float(os.environ.get("BRIEFING_RECORD_TIMEOUT", "300"))
TEST_KEY = "test-key-must-never-be-recorded"
# The recorded model: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, served as "qwen" (issue 17).
MODEL = "qwen"
SCRUB_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization",
                 "openai-project", "cookie"]

STORY = """Bridge in Lisbon closed after crack found

LISBON, Portugal — The 25 de Abril Bridge was closed to lorries on Monday after engineers \
found a crack in a steel beam, the city council said. "The bridge is safe for cars, but we \
will not take risks with heavy traffic," said Ana Costa, the council's head of \
infrastructure. Repairs will reportedly take three weeks. The claim could not be \
independently verified.
"""


def _drop_cookies(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() == "set-cookie":
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": SCRUB_HEADERS,
        "before_record_response": _drop_cookies,
        # Every model call is a POST to the same path: the body tells them apart.
        "match_on": ["method", "path", "body"],
        "allow_playback_repeats": False,
        "decode_compressed_response": True,
    }


@pytest.fixture(autouse=True)
def cassette_fully_played(vcr: Any, record_mode: str) -> Iterator[None]:
    """Fail a test that did not play every interaction of its cassette: a request must
    never bypass its cassette, and each recorded call is one call the code makes."""
    yield
    if vcr is not None and record_mode == "none":
        assert vcr.all_played, (f"cassette {vcr._path} played {vcr.play_count} of "
                                f"{len(vcr.data)} interactions")


@pytest.fixture
def story() -> Article:
    return clean_text(STORY)


def llm_settings(**overrides: Any) -> Settings:
    """Settings for the recorded server, with a dummy key that the cassettes must not keep."""
    flags: dict[str, Any] = {"model": f"openai-compatible/{MODEL}", "base_url": BASE_URL,
                             "max_reasks": 1, "max_tokens": 1500, "timeout": TIMEOUT}
    flags.update(overrides)
    return load_settings(env={"BRIEFING_API_KEY": TEST_KEY}, path=Path("/nonexistent"),
                         **flags)


def llm_engine(**overrides: Any) -> LLMEngine:
    engine = LLMEngine(llm_settings(**overrides))
    if "base_url" not in overrides:
        # The cassette stands in for the recording server, which is not running: skip the
        # fast check that a server on this machine accepts connections.
        engine._server_checked = True
    return engine
