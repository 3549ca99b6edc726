"""Write the hand-edited fault cassettes from the real ``test_llm/test_extract.yaml``.

Each ``fault-*`` cassette starts from the first real interaction (same request, so it
matches on method, path and body) and edits what the server answered. Faults that make
the engine re-ask are then completed from the real server, which records the re-ask::

    python cassettes/make_faults.py
    pytest tests/test_llm.py -k "invalid_json or reasked_with_the_validation" \\
        --record-mode=new_episodes

Run it again only after re-recording ``test_extract.yaml`` (a prompt change does that).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent / "test_llm"
FABRICATED = "Engineers said the bridge would never reopen"  # not in the article


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def _write(name: str, interactions: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump({"interactions": interactions, "version": 1}, sort_keys=False,
                          allow_unicode=True)
    (HERE / name).write_text(text, encoding="utf-8")
    print(f"wrote {HERE / name} ({len(interactions)} interactions)")


def _error(base: dict[str, Any], code: int, message: str, **headers: str) -> dict[str, Any]:
    out = copy.deepcopy(base)
    body = json.dumps({"error": {"message": message, "type": "server_error", "code": code}})
    out["response"] = {
        "status": {"code": code, "message": message},
        "headers": {"content-type": ["application/json"],
                    "content-length": [str(len(body))],
                    **{k.replace("_", "-"): [v] for k, v in headers.items()}},
        "body": {"string": body},
    }
    return out


def _with_answer(base: dict[str, Any], edit: Any) -> dict[str, Any]:
    out = copy.deepcopy(base)
    data = json.loads(out["response"]["body"]["string"])
    edit(data["choices"][0])
    body = json.dumps(data)
    out["response"]["body"]["string"] = body
    out["response"]["headers"]["content-length"] = [str(len(body))]
    return out


def main() -> None:
    first = _load("test_extract.yaml")["interactions"][0]

    _write("fault-429-retry-after.yaml",
           [_error(first, 429, "Too Many Requests", retry_after="1"), first])
    _write("fault-500-then-200.yaml", [_error(first, 500, "Internal Server Error"), first])

    def truncate(choice: dict[str, Any]) -> None:
        content = choice["message"]["content"]
        choice["message"]["content"] = content[: len(content) // 2]
        choice["finish_reason"] = "length"

    _write("fault-finish-length.yaml", [_with_answer(first, truncate)])

    def break_json(choice: dict[str, Any]) -> None:
        choice["message"]["content"] = '{ "summary": "The 25 de Abril Bridge was closed, '

    _write("fault-invalid-json.yaml", [_with_answer(first, break_json)])

    def invent_quote(choice: dict[str, Any]) -> None:
        answer = {
            "summary": "Lisbon closed the 25 de Abril Bridge to lorries after engineers "
                       "found a crack in a steel beam.",
            "key_points": [{"text": "The bridge is closed to lorries.",
                            "evidence": "The 25 de Abril Bridge was closed to lorries on "
                                        "Monday after engineers found a crack in a steel "
                                        "beam, the city council said."}],
            "who": [{"name": "Ana Costa", "kind": "person",
                     "role": "the council's head of infrastructure"}],
            "what": [],
            "where": [{"name": "Lisbon", "kind": "city"}],
            "when": [{"text": "on Monday"}],
            "sources": [{"name": "Ana Costa", "kind": "named", "affiliation": "city council",
                         "quotes": [FABRICATED]}],
        }
        choice["message"]["content"] = json.dumps(answer)

    invented = _with_answer(first, invent_quote)
    _write("fault-quote-not-in-text.yaml", [invented])
    _write("fault-quote-not-in-text-salvaged.yaml", [invented])


if __name__ == "__main__":
    main()
