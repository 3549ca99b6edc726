"""A local OpenAI-compatible chat server that injects faults, for tests and benchmarks.

It answers POST /v1/chat/completions on 127.0.0.1 with a schema-valid briefing answer that
quotes the request's own article (so grounding keeps it), after ``latency`` seconds. Faults
are drawn per request from a seeded generator, at the given rates: 429 with Retry-After, 500,
a stall (no answer until the client gives up), ``finish_reason: length``, and malformed JSON.
``requests`` counts every request; ``faults`` counts each fault served.

    with FaultServer(latency=0.2, rate_500=0.1) as server:
        base_url = server.base_url  # http://127.0.0.1:PORT/v1

``serial=True`` behaves like llama-cpp-python's server: one answer is computed at a time and
other requests wait in its queue (``max_waiting`` is the longest that queue got; a GET of
``/v1/models`` waits there too, uncounted); a queued
request whose client has gone is dropped when its turn comes (``dropped``), but an answer
being computed is finished even when nobody waits for it any more (``unanswered``).
``latencies`` gives the n-th computed answer its own latency (then ``latency`` again).
``max_in_flight`` is the most requests the server held at once, queued or computing.
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import select
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_ARTICLE = re.compile(r"<(?P<tag>[\w-]+)>\n(?P<text>.*)\n</(?P=tag)>", re.S)
_SENTENCE = re.compile(r"[^.!?\n]{20,300}[.!?]")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")


def answer_for(article: str) -> dict[str, Any]:
    """A schema-valid answer whose quotes and names are copied from ``article``."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(article)][:4] or [
        article.strip()[:200]]
    names = list(dict.fromkeys(_NAME.findall(article)))[:3]
    return {
        "summary": " ".join(sentences[:2]),
        "key_points": [{"text": s, "evidence": s} for s in sentences[:3]],
        "who": [{"name": n, "kind": "person", "role": None} for n in names],
        "what": [{"description": sentences[0], "evidence": sentences[0],
                  "attributed_to": "the article", "when": None}],
        "where": [],
        "when": [],
        "sources": [],
    }


class FaultServer:
    """See the module docstring. Thread-safe counters; stop() or use as a context manager."""

    def __init__(self, *, latency: float = 0.0, rate_429: float = 0.0, rate_500: float = 0.0,
                 rate_stall: float = 0.0, rate_truncated: float = 0.0,
                 rate_malformed: float = 0.0, retry_after: float = 0.1, stall: float = 30.0,
                 seed: int = 0, serial: bool = False,
                 latencies: tuple[float, ...] = ()) -> None:
        self.latency, self.retry_after, self.stall = latency, retry_after, stall
        self.serial, self.latencies = serial, list(latencies)
        self._turn = threading.Lock()  # serial: the one answer being computed
        self.in_flight = self.max_in_flight = 0
        self.waiting = self.max_waiting = 0
        self.computed = self.dropped = self.unanswered = 0
        self.rates = {"429": rate_429, "500": rate_500, "stall": rate_stall,
                      "truncated": rate_truncated, "malformed": rate_malformed}
        self.requests = 0
        self.faults: Counter[str] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def set_rates(self, **rates: float) -> None:
        with self._lock:
            self.rates.update({k.removeprefix("rate_"): v for k, v in rates.items()})

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being held (answered, dropped or computed for nobody)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if self.in_flight == 0:
                    return True
            time.sleep(0.02)
        return False

    def _latency(self) -> float:
        with self._lock:
            self.computed += 1
            return self.latencies.pop(0) if self.latencies else self.latency

    def _count(self, name: str, step: int) -> None:
        with self._lock:
            value = getattr(self, name) + step
            setattr(self, name, value)
            top = f"max_{name}"
            setattr(self, top, max(getattr(self, top), value))

    def _draw(self) -> str | None:
        with self._lock:
            self.requests += 1
            roll = self._rng.random()
            for fault, rate in self.rates.items():
                if roll < rate:
                    self.faults[fault] += 1
                    return fault
                roll -= rate
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _send(self, code: int, body: dict[str, Any] | str,
                      headers: dict[str, str] | None = None) -> None:
                data = (body if isinstance(body, str) else json.dumps(body)).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    with server._turn if server.serial else contextlib.nullcontext():
                        # llama-cpp-python's /v1/models waits for the model, as a chat does
                        self._send(200, {"object": "list", "data": [{"id": "fault"}]})
                elif self.path.rstrip("/").endswith("/stats"):
                    with server._lock:
                        self._send(200, {"requests": server.requests,
                                         "faults": dict(server.faults)})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    request = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    self._send(400, {"error": {"message": "bad JSON"}})
                    return
                server._count("in_flight", 1)
                try:
                    if not server.serial:
                        self._answer(request, server._latency())
                        return
                    if not server._turn.acquire(blocking=False):  # busy: wait in the queue
                        server._count("waiting", 1)
                        server._turn.acquire()
                        server._count("waiting", -1)
                    try:
                        if self._client_gone():  # llama-cpp-python checks this, once
                            with server._lock:
                                server.dropped += 1
                            self.close_connection = True
                            return
                        self._answer(request, server._latency())
                    finally:
                        server._turn.release()
                finally:
                    server._count("in_flight", -1)

            def _client_gone(self) -> bool:
                sock = self.connection
                try:
                    readable, _, _ = select.select([sock], [], [], 0)
                    return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    return True

            def _answer(self, request: dict[str, Any], latency: float) -> None:
                fault = server._draw()
                time.sleep(latency)
                if self._client_gone():  # computed for nobody
                    with server._lock:
                        server.unanswered += 1
                    self.close_connection = True
                    return
                if fault == "stall":
                    server._stop.wait(server.stall)
                    return
                if fault == "429":
                    self._send(429, {"error": {"message": "rate limited", "type": "rate"}},
                               {"Retry-After": f"{server.retry_after:g}"})
                    return
                if fault == "500":
                    self._send(500, {"error": {"message": "injected failure"}})
                    return
                self._send(200, server._completion(request, fault))

        return Handler

    def _completion(self, request: dict[str, Any], fault: str | None) -> dict[str, Any]:
        messages = request.get("messages") or []
        user = next((m.get("content") or "" for m in reversed(messages)
                     if m.get("role") == "user"), "")
        found = _ARTICLE.search(user if isinstance(user, str) else json.dumps(user))
        content = json.dumps(answer_for(found.group("text") if found else user))
        finish = "stop"
        if fault == "truncated":
            content, finish = content[: len(content) // 2], "length"
        elif fault == "malformed":
            content = content[:-7] + "}}]oops"
        message: dict[str, Any] = {"role": "assistant", "content": content}
        tools = request.get("tools")
        if tools:  # tools mode: the answer is the arguments of the one function
            name = tools[0]["function"]["name"]
            message = {"role": "assistant", "content": None, "tool_calls": [{
                "id": "call_0", "type": "function",
                "function": {"name": name, "arguments": content}}]}
            finish = "length" if fault == "truncated" else "tool_calls"
        prompt_tokens = sum(len(str(m.get("content") or "")) for m in messages) // 4
        completion_tokens = len(content) // 4
        return {
            "id": f"chatcmpl-{self.requests}", "object": "chat.completion", "created": 0,
            "model": request.get("model", "fault-server"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        }


class FaultServerProcess:
    """The same server in a child process, so that its work does not share our GIL (for
    benchmarks that time the client). ``requests`` asks the child's /stats endpoint."""

    def __init__(self, **options: float) -> None:
        self.options = options
        self.base_url = ""
        self._proc: Any = None

    def __enter__(self) -> FaultServerProcess:
        import subprocess
        import sys

        args = [sys.executable, __file__] + [f"--{k}={v}" for k, v in self.options.items()]
        self._proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
        self.base_url = self._proc.stdout.readline().strip()
        return self

    def __exit__(self, *exc: object) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=10)
        if self._proc.stdout is not None:
            self._proc.stdout.close()

    @property
    def requests(self) -> int:
        import urllib.request

        with urllib.request.urlopen(self.base_url + "/stats", timeout=5) as r:
            return int(json.loads(r.read())["requests"])


def main(argv: list[str]) -> None:
    """`python faultserver.py --latency=0.2 ...`: print the base URL, serve until killed."""
    options = {a.split("=", 1)[0].lstrip("-"): float(a.split("=", 1)[1]) for a in argv}
    if "seed" in options:
        options["seed"] = int(options["seed"])
    server = FaultServer(**options)  # type: ignore[arg-type]
    server._thread.start()
    print(server.base_url, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
