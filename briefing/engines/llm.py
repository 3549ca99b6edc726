"""The LLM engine: instructor fills ``BriefingAnswer`` through any OpenAI-compatible server.

The only module that imports ``openai`` and ``instructor`` (lazily, so that ``briefing
--help`` and the offline engine start fast). One retry layer per concern:

* transport: the openai client retries connection errors, 408/409/429 (honouring
  ``Retry-After``) and 5xx, ``max_retries`` times, with an explicit per-call ``timeout``;
* validation: instructor re-asks, with the validation error in the conversation, when the
  answer is not valid JSON for the schema or a quote, evidence sentence or time phrase is
  not in the article (names the article never writes are dropped instead: a re-ask did not
  fix them). Our tenacity policy retries only those errors, ``max_reasks`` times, with no
  wait; provenance names the fields each failed answer got wrong;
* truncation (``finish_reason=length``) is neither: it ends as a ``TruncatedError``.

After the last re-ask the last answer is kept leniently and grounding drops what is not in
the text. Token usage is summed over every answer, re-asks included, by a per-call hook.

Rate limits (``--rpm``/``--tpm``, a :class:`briefing.throttle.Limiter` given by
``use_limiter``): the HTTP client the openai client sends through has two event hooks.
Before each request leaves (first answer, re-asks and the openai client's own retries alike)
the request hook waits for the limiter's turn, reserving the request's estimate (what the
model reads, at 4 characters a token, plus ``max_tokens``); the response hook replaces that
estimate by the answer's ``usage.total_tokens``. An answer without usage (an error) keeps
the estimate.

Time limits (a batch's per-article limit cancels ``aextract``): each request is sent in a task
of its own, so that a cancelled call hands its request still at the server to ``_abandon``.
A server elsewhere gets the connection closed (a remote API stops on that; a queued request
is dropped). A server on this machine or a private network is waited for instead: llama-cpp-
python's server finishes an answer it has started whether or not anybody waits for it, and
the next article would otherwise wait behind it, on its own time limit. The answer's usage is
counted (the manifest shows what the timed-out article cost); the answer is not used. Such a
server also gets one article at a time unless the user says otherwise (``default_concurrency``).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import re
import time
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import BriefingError, ConfigError, ModelError, TruncatedError
from ..schema import Article, Briefing, Provenance, Usage
from ..throttle import Limiter, Reservation
from .answer import CONTEXT_KEY, BriefingAnswer, answer_schema, grounded_schema
from .base import Engine, spending
from .merge import to_briefing
from .prompt import Prompt, build_prompt, prompt_version

if TYPE_CHECKING:
    import httpx2

ENGINE_NAME = "llm"
_TURN = "briefing.turn"  # request.extensions key: (limiter, reservation) of the request
_SENT = "briefing.sent"  # request.extensions key: its turn taken, the request is on its way


@dataclass
class _Tally:
    """Usage summed over every answer of one article (a fresh one per call: async-safe), and
    why each failed answer failed (the fields named by validation), for provenance."""

    usage: Usage = field(default_factory=Usage)
    failures: list[str] = field(default_factory=list)
    abandoned: list[tuple[Any, asyncio.Task[Any]]] = field(default_factory=list)  # (request,
    # the task sending it) of sends a cancelled call left behind

    def add(self, response: Any) -> None:
        self.usage.requests += 1
        u = getattr(response, "usage", None)
        if u is not None:
            self.usage.prompt_tokens += getattr(u, "prompt_tokens", 0) or 0
            self.usage.completion_tokens += getattr(u, "completion_tokens", 0) or 0
            self.usage.total_tokens += getattr(u, "total_tokens", 0) or 0

    def failed(self, error: BaseException, *args: Any, **kwargs: Any) -> None:
        self.failures.append(failed_fields(error))

    def hooks(self) -> Any:
        from instructor.core import Hooks

        hooks = Hooks()
        hooks.on("completion:response", self.add)
        hooks.on("parse:error", self.failed)
        return hooks

    def reasked(self) -> str:
        """ "answer 1: when.text; answer 2: invalid JSON" (empty when nothing failed)."""
        return "; ".join(f"answer {i}: {why}" for i, why in enumerate(self.failures, 1))


def failed_fields(error: BaseException) -> str:
    """What a failed answer got wrong, by field without list indexes ("sources.quotes")."""
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        fields = []
        for e in error.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if not isinstance(x, int))
            fields.append("invalid JSON" if e.get("type") == "json_invalid"
                          else loc or "the answer")
        return ", ".join(dict.fromkeys(fields)) or "the answer"
    if isinstance(error, json.JSONDecodeError):
        return "invalid JSON"
    return _first_line(error)[:80]


def _parse_errors() -> tuple[type[BaseException], ...]:
    import json

    from instructor.core import ResponseParsingError
    from pydantic import ValidationError

    return (ValidationError, json.JSONDecodeError, ResponseParsingError)


def reask_policy(max_reasks: int, *, is_async: bool = False) -> Any:
    """Tenacity policy for instructor: re-ask only on parse/validation errors, at once."""
    from tenacity import AsyncRetrying, Retrying, retry_if_exception_type, stop_after_attempt

    cls = AsyncRetrying if is_async else Retrying
    return cls(stop=stop_after_attempt(max_reasks + 1),
               retry=retry_if_exception_type(_parse_errors()), reraise=True)


def templated(messages: list[dict[str, str]]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Messages as instructor placeholders plus the context that fills them.

    instructor renders every message as a Jinja template whenever a validation context is
    given; article text must never be template source (``{{``/``{%`` in an article would be
    evaluated or break the call). So each message is ``{{ _m0 }}`` and its text travels in the
    context: Jinja inserts values without rendering them again.
    """
    out, values = [], {}
    for i, m in enumerate(messages):
        key = f"briefing_message_{i}"
        values[key] = m["content"]
        out.append({"role": m["role"], "content": "{{ " + key + " }}"})
    return out, values


def raw_answer(completion: Any) -> str | None:
    """The JSON text of an answer: the tool call's arguments or the message content."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return str(calls[0].function.arguments)
    return getattr(message, "content", None)


def quiet_instructor() -> None:
    """instructor logs every failed attempt at ERROR; with no logging configured, Python
    would print them on stderr. Our errors say it once, at the edge."""
    logger = logging.getLogger("instructor")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())


def request_tokens(body: Mapping[str, Any], max_tokens: int) -> int:
    """Tokens a chat request may use: what the model reads (messages, tools, a response
    schema; 4 characters a token) plus the answer's cap. A ``json_object`` schema is left
    out: servers that take one compile it into a grammar rather than read it."""
    read: list[Any] = [body.get("messages"), body.get("tools")]
    fmt = body.get("response_format")
    if isinstance(fmt, Mapping) and fmt.get("type") != "json_object":
        read.append(fmt)
    chars = sum(len(json.dumps(x, ensure_ascii=False, default=str)) for x in read if x)
    cap = body.get("max_tokens") or body.get("max_completion_tokens") or max_tokens
    return chars // 4 + int(cap)


def _body_tokens(request: httpx2.Request, max_tokens: int) -> int:
    try:
        body = json.loads(request.content or b"{}")
    except Exception:  # not read, or not JSON: count the bytes
        body = None
    if not isinstance(body, dict):
        try:
            return len(request.content) // 4 + max_tokens
        except Exception:
            return max_tokens
    return request_tokens(body, max_tokens)


def usage_tokens(completion: Any) -> int | None:
    """``usage.total_tokens`` of an answer (an object or its JSON); None when it has none,
    or only zeros (a server that does not count: the estimate is better than nothing)."""
    usage = (completion.get("usage") if isinstance(completion, dict)
             else getattr(completion, "usage", None))
    if usage is None:
        return None

    def count(name: str) -> int:
        value = usage.get(name) if isinstance(usage, dict) else getattr(usage, name, None)
        return value if isinstance(value, int) else 0

    return (count("total_tokens") or (count("prompt_tokens") + count("completion_tokens"))
            or None)


def _answer_tokens(response: httpx2.Response) -> int | None:
    if not response.is_success or "json" not in response.headers.get("content-type", ""):
        return None
    try:
        return usage_tokens(json.loads(response.content))
    except Exception:
        return None


@lru_cache(maxsize=1)
def _closing_http_client_class() -> type[Any]:
    """``openai.DefaultHttpxClient`` that closes its connections when collected, as the one
    the openai client makes for itself does (nothing else closes the sync client)."""
    import openai

    class ClosingHttpxClient(openai.DefaultHttpxClient):
        def __del__(self) -> None:
            if not self.is_closed:
                with contextlib.suppress(Exception):
                    self.close()

    return ClosingHttpxClient


_TALLY: ContextVar[_Tally | None] = ContextVar("briefing_llm_tally", default=None)


@lru_cache(maxsize=1)
def _keeping_http_client_class() -> type[Any]:
    """``openai.DefaultAsyncHttpxClient`` that sends each request of an article's call in a
    task of its own: when the call is cancelled (a time limit), the request still under way is
    handed to the article's tally, for ``LLMEngine._abandon`` to close or wait for."""
    import openai

    class KeepingAsyncHttpxClient(openai.DefaultAsyncHttpxClient):
        async def send(self, request: Any, **kwargs: Any) -> Any:
            tally = _TALLY.get()
            if tally is None:
                return await super().send(request, **kwargs)
            task = asyncio.ensure_future(super().send(request, **kwargs))
            try:
                return await asyncio.shield(task)
            except asyncio.CancelledError:
                tally.abandoned.append((request, task))
                raise

    return KeepingAsyncHttpxClient


def on_this_network(url: str | None) -> bool:
    """Whether ``url`` names this machine or a private network ("localhost", loopback,
    private and link-local addresses): where a model server is usually one process that
    answers one request at a time. Host names other than localhost are not resolved."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "") if url else ""
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def _add_usage(usage: Usage, response: Any) -> int:
    """Add an HTTP answer's token usage to ``usage``; the tokens added (0: none known)."""
    try:
        data = json.loads(response.content)["usage"]
        prompt, completion = int(data["prompt_tokens"]), int(data["completion_tokens"])
    except Exception:
        return 0
    usage.prompt_tokens += prompt
    usage.completion_tokens += completion
    usage.total_tokens += prompt + completion
    return prompt + completion


_SECRET = re.compile(r"(sk-[A-Za-z0-9_*\-]{4,}|Bearer\s+\S+)")


class LLMEngine(Engine):
    """Briefings from a model behind an OpenAI-compatible API (``openai/``, ``ollama/``,
    ``openai-compatible/``); subclasses swap the transport (``local``)."""

    name = ENGINE_NAME
    meters_requests = True  # every HTTP request takes a turn (see _http_client)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.spec = settings.spec
        # Fail before any article is read: a missing key or server is one clear error.
        self.base_url = settings.resolved_base_url()
        self.api_key = settings.resolved_api_key()
        self.mode = settings.resolved_mode()
        self._sync: Any = None
        self._async: Any = None
        self._async_openai: Any = None
        self._server_checked = False
        self._server_error: str | None = None
        # A server here: one article at a time unless the user says otherwise, and a request
        # a time limit abandons is waited for (see the module docstring).
        here = on_this_network(self.base_url)
        self.default_concurrency = 1 if here else None
        self.waits_for_abandoned = here

    # -- transport ---------------------------------------------------------------------
    def _openai_kwargs(self) -> dict[str, Any]:
        return {"api_key": self.api_key, "base_url": self.base_url,
                "timeout": self.settings.timeout, "max_retries": self.settings.max_retries}

    def _http_client(self, *, is_async: bool) -> Any:
        """openai's own default HTTP client (same timeouts, pool and redirects) with the
        rate-limit hooks: every request it sends, retries included, passes through them."""
        if is_async:
            return _keeping_http_client_class()(event_hooks={
                "request": [self._take_turn_async], "response": [self._settle_async]})
        return _closing_http_client_class()(event_hooks={
            "request": [self._take_turn], "response": [self._settle]})

    async def _take_turn_async(self, request: httpx2.Request) -> None:
        limiter = self.limiter
        if limiter is not None:
            tokens = _body_tokens(request, self.settings.max_tokens)
            request.extensions[_TURN] = (limiter, await limiter.acquire(tokens))
        request.extensions[_SENT] = True

    def _take_turn(self, request: httpx2.Request) -> None:
        limiter = self.limiter
        if limiter is not None:
            tokens = _body_tokens(request, self.settings.max_tokens)
            request.extensions[_TURN] = (limiter, limiter.acquire_sync(tokens))

    async def _settle_async(self, response: httpx2.Response) -> None:
        turn: tuple[Limiter, Reservation | None] | None = response.request.extensions.pop(
            _TURN, None)
        if turn is not None and turn[1] is not None and response.is_success:
            await response.aread()  # the body is read anyway (not streamed): read it first
            self._reconcile(turn, response)

    def _settle(self, response: httpx2.Response) -> None:
        turn: tuple[Limiter, Reservation | None] | None = response.request.extensions.pop(
            _TURN, None)
        if turn is not None and turn[1] is not None and response.is_success:
            response.read()
            self._reconcile(turn, response)

    @staticmethod
    def _reconcile(turn: tuple[Limiter, Reservation | None], response: httpx2.Response) -> None:
        used = _answer_tokens(response)
        if used is not None:
            turn[0].reconcile(turn[1], used)

    def estimate_tokens(self, article: Article) -> int:
        """The first request's tokens: the prompt, the schema it is sent with, the cap."""
        body: dict[str, Any] = {
            "messages": self._prompt(article).messages,
            "max_tokens": self.settings.max_tokens}
        if self.mode != "json_object":
            body["tools"] = answer_schema()
        return request_tokens(body, self.settings.max_tokens)

    def _instructor_mode(self) -> Any:
        from instructor import Mode

        # json_object (llama-cpp-python) uses the JSON_SCHEMA handler for parsing and re-asks,
        # and replaces its response_format in the request body (see _request_kwargs).
        return Mode.TOOLS if self.mode == "tools" else Mode.JSON_SCHEMA

    def client(self, *, is_async: bool = False) -> Any:
        """The instructor client (created once per engine, sync or async)."""
        import instructor
        import openai

        quiet_instructor()
        if is_async:
            if self._async is None:
                self._async_openai = openai.AsyncOpenAI(
                    **self._openai_kwargs(), http_client=self._http_client(is_async=True))
                self._async = instructor.from_openai(self._async_openai,
                                                     mode=self._instructor_mode())
            return self._async
        if self._sync is None:
            sync_openai = openai.OpenAI(**self._openai_kwargs(),
                                        http_client=self._http_client(is_async=False))
            self._sync = instructor.from_openai(sync_openai, mode=self._instructor_mode())
        return self._sync

    def _request_kwargs(self, article: Article) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"model": self.spec.name, "max_tokens": self.settings.max_tokens,
                                  "temperature": self.settings.temperature}
        if self.mode == "json_object":
            # llama-cpp-python's server rejects json_schema; it compiles this one to a grammar,
            # in which evidence and quotes can only be the article's own sentences.
            kwargs["extra_body"] = {"response_format": {"type": "json_object",
                                                        "schema": grounded_schema(article.text)}}
        return kwargs

    @property
    def model_id(self) -> str:
        return self.spec.id

    @property
    def fingerprint(self) -> str:
        """What a cached briefing depends on: model, server, prompt and answer settings."""
        s = self.settings
        return "|".join(str(x) for x in (
            self.name, self.model_id, self.base_url, self.mode, prompt_version(),
            s.max_tokens, s.temperature, s.max_input_chars, s.max_reasks))

    # -- the two entry points share everything but the call --------------------------------
    def _check_local_server(self) -> None:
        """A server on this machine that refuses connections is not coming back within the
        client's retries: say so at once (about a second, not ~10 s of back-off), naming
        the URL tried. Checked once per engine; remote servers are left to the retries."""
        if self._server_error is not None:
            raise ModelError(self._server_error)
        if self._server_checked or not self.base_url:
            return
        import ipaddress
        import socket
        from urllib.parse import urlsplit

        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            return
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            socket.create_connection((host, port), timeout=1.0).close()
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            self._server_error = (f"cannot reach the model server at {self.base_url} "
                                  f"({reason}): start it, or set --base-url / BRIEFING_BASE_URL")
            raise ModelError(self._server_error) from None
        self._server_checked = True

    def _prompt(self, article: Article) -> Prompt:
        return build_prompt(article, max_chars=self.settings.max_input_chars,
                            keep_language=self.settings.language == "original")

    def _prepare(self, article: Article) -> tuple[Prompt, dict[str, Any], _Tally]:
        self._check_local_server()
        prompt = self._prompt(article)
        messages, values = templated(prompt.messages)
        call = {"response_model": BriefingAnswer, "messages": messages,
                "context": {CONTEXT_KEY: article.text, **values}, **self._request_kwargs(article)}
        spent = spending()  # a batch's time limit reads what the call has spent so far
        return prompt, call, _Tally(usage=spent.usage) if spent is not None else _Tally()

    def extract(self, article: Article, *, now: datetime) -> Briefing:
        """The briefing for one article (blocking)."""
        prompt, call, tally = self._prepare(article)
        try:
            answer = self.client().create(max_retries=reask_policy(self.settings.max_reasks),
                                          hooks=tally.hooks(), **call)
        except Exception as exc:
            answer = self._recover(exc, tally, prompt)
        return self._finish(article, answer, prompt, tally, now)

    async def aextract(self, article: Article, *, now: datetime) -> Briefing:
        """The briefing for one article, on the event loop (the batch runner's path)."""
        prompt, call, tally = self._prepare(article)
        token = _TALLY.set(tally)
        try:
            answer = await self.client(is_async=True).create(
                max_retries=reask_policy(self.settings.max_reasks, is_async=True),
                hooks=tally.hooks(), **call)
        except asyncio.CancelledError:
            await self._abandon(tally)
            raise
        except Exception as exc:
            answer = self._recover(exc, tally, prompt)
        finally:
            _TALLY.reset(token)
        # Merging with the offline analysis and grounding are CPU work: off the event loop.
        return await asyncio.to_thread(self._finish, article, answer, prompt, tally, now)

    async def _abandon(self, tally: _Tally) -> None:
        """The call was cancelled (a time limit) with requests still at the server: close
        them, or wait for a server on this machine to finish them (see the module docstring),
        counting them and their usage, with a note for the article's error."""
        abandoned, tally.abandoned = tally.abandoned, []
        unsent = [task for request, task in abandoned if not request.extensions.get(_SENT)]
        tasks = [task for request, task in abandoned if request.extensions.get(_SENT)]
        for task in unsent:
            task.cancel()  # still waiting for its rate-limit turn: it is never sent
        await asyncio.gather(*unsent, return_exceptions=True)
        if not tasks:
            return
        tally.usage.requests += len(tasks)
        if self.waits_for_abandoned:
            started = time.monotonic()
            answers = await asyncio.gather(*tasks, return_exceptions=True)  # a Ctrl-C closes
            tokens = sum(_add_usage(tally.usage, a) for a in answers)
            if all(isinstance(a, BaseException) for a in answers):
                # BRIEFING_TIMEOUT ended the wait too, the server may still be computing
                await self._wait_until_free()
                note = (f"no answer within BRIEFING_TIMEOUT; the server was busy "
                        f"{time.monotonic() - started:.0f} s more (tokens unknown), and the "
                        "next article waited for it")
            else:
                note = (f"the server finished the abandoned request "
                        f"{time.monotonic() - started:.0f} s later ({tokens:,} tokens, answer "
                        "not used); a server on this machine may not stop on a closed "
                        "request, so the next article waited for it")
        else:
            for task in tasks:
                task.cancel()  # the connection is closed: the server can stop
            await asyncio.gather(*tasks, return_exceptions=True)
            note = "its request was closed (its tokens are unknown)"
        spent = spending()
        if spent is not None:
            spent.notes.append(note)

    async def _wait_until_free(self) -> None:
        """Wait, at most BRIEFING_TIMEOUT, for the server to answer a GET of ``/models``:
        llama-cpp-python's answers it only after the answer under way; others at once."""
        import openai

        with contextlib.suppress(Exception):
            async with openai.DefaultAsyncHttpxClient(timeout=self.settings.timeout) as http:
                await http.get(f"{self.base_url}/models",
                               headers={"Authorization": f"Bearer {self.api_key}"})

    async def astart(self) -> None:
        """Before a batch's first article, in a thread: the imports and the client (seconds
        on a busy machine, which would otherwise count on the first articles' time limits and
        hold the event loop) and the local server check (its failure is each article's)."""
        def ready() -> None:
            with contextlib.suppress(BriefingError):
                self._check_local_server()
            self.client(is_async=True)

        await asyncio.to_thread(ready)

    async def aclose(self) -> None:
        """Close the async HTTP client on the loop that used it (batch runs call this)."""
        if self._async_openai is not None:
            await self._async_openai.close()
            self._async_openai = self._async = None

    # -- outcomes ----------------------------------------------------------------------
    def _recover(self, exc: Exception, tally: _Tally, prompt: Prompt) -> BriefingAnswer:
        """Salvage the last answer after the re-asks, or raise one clear BriefingError."""
        from instructor.core import IncompleteOutputException, InstructorRetryException

        cause: BaseException = exc
        while isinstance(cause, InstructorRetryException) and cause.__cause__ is not None:
            cause = cause.__cause__
        if isinstance(cause, IncompleteOutputException):
            raise TruncatedError(
                f"{self.model_id}: the answer was cut off at max_tokens="
                f"{self.settings.max_tokens} (finish_reason=length); raise BRIEFING_MAX_TOKENS "
                "or lower BRIEFING_MAX_INPUT_CHARS", usage=tally.usage) from None
        if isinstance(exc, InstructorRetryException) and isinstance(cause, _parse_errors()):
            completion = exc.failed_attempts[-1].completion if exc.failed_attempts else None
            raw = raw_answer(completion) if completion is not None else None
            try:
                # Lenient: no context (grounding drops what is not in the text), and raw
                # control characters inside strings, a small-model habit, are accepted.
                answer = BriefingAnswer.model_validate(json.loads(raw or "", strict=False))
            except Exception:
                raise ModelError(f"{self.model_id}: no usable answer after {exc.n_attempts} "
                                 f"attempt(s): {_first_line(cause)}", usage=tally.usage) from None
            why = f" ({tally.reasked()})" if tally.failures else ""
            prompt.notes.append(f"The model's answer still failed validation after "
                                f"{exc.n_attempts} attempt(s){why}; the last was kept, and "
                                "grounding dropped what is not in the article.")
            return answer
        raise self._transport_error(cause, tally) from None

    def _transport_error(self, cause: BaseException, tally: _Tally) -> BriefingError:
        import openai

        where = self.base_url or "the OpenAI API"
        tries = f"after {self.settings.max_retries + 1} attempt(s)"
        if isinstance(cause, openai.APITimeoutError):
            return ModelError(f"{where} did not answer within {self.settings.timeout:g} s {tries}"
                              "; raise BRIEFING_TIMEOUT", usage=tally.usage)
        if isinstance(cause, openai.APIConnectionError):
            return ModelError(f"cannot reach the model server at {where}: start it, or set "
                              "--base-url / BRIEFING_BASE_URL", usage=tally.usage)
        if isinstance(cause, (openai.AuthenticationError, openai.PermissionDeniedError)):
            # The server's message may echo part of the key: never show it.
            var = self.settings.api_key_source or (
                "OPENAI_API_KEY" if self.spec.provider == "openai" else "BRIEFING_API_KEY")
            return ConfigError(f"{where} refused the API key ({cause.status_code}): check {var}")
        if isinstance(cause, openai.NotFoundError):
            hint = f"; run `ollama pull {self.spec.name}`" if self.spec.provider == "ollama" else ""
            return ModelError(f"{where} has no model {self.spec.name!r}{hint}", usage=tally.usage)
        if isinstance(cause, openai.RateLimitError):
            return ModelError(f"{where} is rate limiting (429) {tries}; try again later",
                              usage=tally.usage)
        if isinstance(cause, openai.APIStatusError):
            return ModelError(f"{where} answered {cause.status_code} {tries}: "
                              f"{self._redact(_first_line(cause))}", usage=tally.usage)
        if isinstance(cause, BriefingError):
            return cause
        return ModelError(f"{self.model_id}: {cause.__class__.__name__}: "
                          f"{self._redact(_first_line(cause))}", usage=tally.usage)

    def _redact(self, message: str) -> str:
        if self.api_key and len(self.api_key) > 3:
            message = message.replace(self.api_key, "***")
        return _SECRET.sub("***", message)[:300]

    def _finish(self, article: Article, answer: BriefingAnswer, prompt: Prompt, tally: _Tally,
                now: datetime) -> Briefing:
        from .extractive import ExtractiveEngine

        offline = ExtractiveEngine().extract(article, now=now)
        notes = list(prompt.notes)
        if tally.failures and not any("still failed validation" in n for n in notes):
            notes.append(f"Re-asked {len(tally.failures)} time(s) after failed validation "
                         f"({tally.reasked()}); the answer of attempt "
                         f"{len(tally.failures) + 1} passed.")
        if answer.dropped:
            notes.append(f"{len(answer.dropped)} name(s) the article never writes were "
                         f"dropped, not re-asked: {'; '.join(answer.dropped)}.")
        provenance = Provenance(engine=self.name, model=self.model_id,
                                prompt_version=prompt_version(),
                                created_at=offline.provenance.created_at,
                                usage=tally.usage.model_copy(), notes=notes)
        return to_briefing(article, answer, offline, provenance, self.settings.language)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
