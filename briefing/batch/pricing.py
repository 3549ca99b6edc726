"""Estimated cost of a run from token counts. Prices in US dollars per million tokens.

The table is small and dated; override it with a JSON file (``--prices PATH`` or
``BRIEFING_PRICES``) shaped like ``{"openai/gpt-4o-mini": [0.15, 0.60]}`` (input, output).
Local and offline engines cost nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import UsageError

PRICES_AS_OF = "2026-11"
PRICES: dict[str, tuple[float, float]] = {
    "openai/gpt-4o-mini": (0.15, 0.60),
    "openai/gpt-4o": (2.50, 10.00),
    "openai/gpt-4.1-mini": (0.40, 1.60),
    "openai/gpt-4.1-nano": (0.10, 0.40),
    "openai/gpt-4.1": (2.00, 8.00),
}
FREE_PREFIXES = ("extractive", "local", "ollama/")


def load_prices(path: Path | None = None) -> dict[str, tuple[float, float]]:
    """The built-in table, updated from ``path`` or ``BRIEFING_PRICES`` when given."""
    table = dict(PRICES)
    source = path or (Path(os.environ["BRIEFING_PRICES"]) if os.environ.get(
        "BRIEFING_PRICES") else None)
    if source is not None:
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
            table.update({str(k): (float(v[0]), float(v[1])) for k, v in data.items()})
        except (OSError, ValueError, TypeError, IndexError, AttributeError) as exc:
            raise UsageError(f"prices {source}: expected {{\"model\": [input, output]}} "
                             f"per million tokens ({exc.__class__.__name__})") from None
    return table


def estimate_cost(model: str, prompt_tokens: int, completion_tokens: int,
                  table: dict[str, tuple[float, float]] | None = None) -> float | None:
    """Dollars for the tokens, 0 for free engines, None when the price is unknown."""
    if model.startswith(FREE_PREFIXES):
        return 0.0
    price = (table or PRICES).get(model)
    if price is None:
        return None
    return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000
