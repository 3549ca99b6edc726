"""The shipped example outputs are what the code produces today (golden files)."""

import importlib.util
from pathlib import Path

from conftest import assert_verbatim

from briefing.schema import Briefing

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _regenerate():
    spec = importlib.util.spec_from_file_location("regenerate", EXAMPLES / "regenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_example_outputs_are_up_to_date():
    for name, content in _regenerate().harbour_outputs().items():
        shipped = (EXAMPLES / name).read_text(encoding="utf-8")
        assert shipped == content, f"examples/{name} is stale: run python examples/regenerate.py"


def test_example_json_is_grounded():
    briefing = Briefing.model_validate_json((EXAMPLES / "harbour-fire.json").read_text())
    assert_verbatim(briefing)
    assert briefing.provenance.grounding.dropped == 0
