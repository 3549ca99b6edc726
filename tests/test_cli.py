import json

import pytest
from conftest import EXAMPLE, XSS_TEXT, story
from typer.testing import CliRunner

from briefing import __version__
from briefing.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line_error(result, code: int, *needles: str) -> None:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefing: error:")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]


def test_version_and_help():
    assert run("--version").stdout.strip() == f"briefing {__version__}"
    result = run("summarize", "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout


def test_summarize_example_to_stdout(fake_engine):
    result = run("summarize", str(EXAMPLE), "--model", "fake", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["provenance"]["engine"] == "fake"
    text = data["article"]["text"]
    for span in data["key_points"][0]["evidence"]:
        assert text[span["start"]:span["end"]] == span["quote"]


def test_model_from_environment(fake_engine, monkeypatch):
    monkeypatch.setenv("BRIEFING_MODEL", "fake")
    assert json.loads(run("summarize", str(EXAMPLE), "-f", "json").stdout)[
        "provenance"]["engine"] == "fake"


def test_stdin(fake_engine):
    result = run("summarize", "-", "--model", "fake", input=story("Ann Lee spoke in Paris today."))
    assert result.exit_code == 0 and result.stdout.startswith("# ")


def test_output_file_and_html(fake_engine, tmp_path):
    out = tmp_path / "brief.html"
    result = run("summarize", str(EXAMPLE), "--model", "fake", "-f", "html", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_several_inputs_need_a_folder_and_survive_a_bad_one(fake_engine, tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(story("Ann Lee spoke in Paris today."))
    (tmp_path / "in" / "empty.txt").write_text("  ")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "good.txt").write_text(story("Bob Stone spoke in Rome today."))
    inputs = [str(good), str(tmp_path / "in" / "empty.txt"), str(tmp_path / "other" / "good.txt")]
    one_line_error(run("summarize", *inputs, "--model", "fake"), 2, "--output DIR")
    out = tmp_path / "out"
    result = run("summarize", *inputs, "--model", "fake", "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["good-2.md", "good.md"]
    assert "empty.txt: empty input" in result.stderr
    assert "1 of 3 inputs failed" in result.stderr


@pytest.mark.parametrize("content, code, needle", [
    (None, 1, "no such file"),
    (b"", 1, "empty input"),
    (b" \n\n\t", 1, "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", 1, "PNG image"),
    (b"GIF89a\x00\x00", 1, "GIF image"),
    (bytes(range(128, 256)) * 4, 1, "re-save it as UTF-8"),
])
def test_bad_inputs_give_one_line(tmp_path, content, code, needle):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    one_line_error(run("summarize", str(path)), code, needle)


def test_unknown_format_and_model_are_usage_errors(fake_engine):
    one_line_error(run("summarize", str(EXAMPLE), "--format", "pdf"), 2, "md, html, json")
    one_line_error(run("summarize", str(EXAMPLE), "--model", "gpt-17"), 2,
                   "unknown model", "extractive")


def test_debug_shows_the_traceback(tmp_path):
    result = runner.invoke(app, ["--debug", "summarize", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert result.exception is not None and "no such file" in str(result.exception)


def test_render_saved_json(fake_engine, tmp_path):
    saved = tmp_path / "b.json"
    run("summarize", str(EXAMPLE), "--model", "fake", "-f", "json", "-o", str(saved))
    result = run("render", str(saved), "--format", "html")
    assert result.exit_code == 0 and "<!DOCTYPE html>" in result.stdout
    (tmp_path / "bad.json").write_text('{"headline": 3}')
    one_line_error(run("render", str(tmp_path / "bad.json")), 1, "not a briefing JSON")


def test_xss_article_through_cli_html(fake_engine, tmp_path):
    (tmp_path / "x.txt").write_text(XSS_TEXT)
    result = run("summarize", str(tmp_path / "x.txt"), "--model", "fake", "-f", "html")
    assert result.exit_code == 0
    assert "<script>alert" not in result.stdout and "<img src=x" not in result.stdout


def test_jsonl_batch_keeps_going_past_bad_lines(fake_engine, tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"text": story("Ann Lee spoke in Paris today."), "id": "one"}), "{oops",
             json.dumps({"text": story("Bob Stone spoke in Rome today."), "id": "two"}),
             json.dumps({"text": "Too short to brief.", "id": "three"})]
    src.write_text("\n".join(lines) + "\n")
    streamed = run("summarize", str(src), "--model", "fake")  # no --output: one after another
    assert streamed.exit_code == 1 and streamed.stdout.count("# ") >= 2
    assert "Ann Lee" in streamed.stdout and "Bob Stone" in streamed.stdout
    result = run("summarize", str(src), "--model", "fake", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["one.md", "two.md"]
    assert "in.jsonl:2: not valid JSON" in result.stderr
    assert "in.jsonl:4: not briefed: too short" in result.stderr
    assert "2 of 4 inputs failed" in result.stderr


def test_feed_file_with_full_text(fake_engine, tmp_path):
    body = "<p>" + "Ann Lee spoke in Paris today. " * 40 + "</p>"
    (tmp_path / "f.xml").write_text(
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><item><title>Lee speaks</title><link>https://example.org/lee</link>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>")
    result = run("summarize", "--feed", str(tmp_path / "f.xml"), "--model", "fake",
                 "-f", "json", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "example.org-lee.json").read_text())
    assert data["article"]["title"] == "Lee speaks"
    assert data["article"]["url"] == "https://example.org/lee"


def test_url_input_needs_allow_private_for_loopback(fake_engine, site):
    (site / "a.html").write_text("<html><head><title>Lee</title></head><body><article><p>"
                                 + "Ann Lee spoke in Paris today. " * 20
                                 + "</p></article></body></html>")
    url = site.url + "/a.html"
    one_line_error(run("summarize", url, "--model", "fake"), 1, "not a public address",
                   "--allow-private")
    result = run("summarize", url, "--model", "fake", "--allow-private", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["url"] == url


def test_quality_gate_refuses_stubs_unless_forced(fake_engine, tmp_path):
    (tmp_path / "stub.txt").write_text("Subscribe to continue reading this story.")
    one_line_error(run("summarize", str(tmp_path / "stub.txt"), "--model", "fake"), 1,
                   "stub.txt: not briefed", "--force")
    result = run("summarize", str(tmp_path / "stub.txt"), "--model", "fake", "--force",
                 "-f", "json")
    assert result.exit_code == 0
    u = json.loads(result.stdout)["uncertainty"]
    assert u["confidence"] == "low" and "quality gate" in u["reasons"][0]


def test_clean_shows_text_and_quality(tmp_path):
    (tmp_path / "a.txt").write_text(story("Ann Lee spoke in Paris today."))
    result = run("clean", str(tmp_path / "a.txt"))
    assert result.exit_code == 0 and result.stdout.startswith("Ann Lee spoke in Paris today.")
    data = json.loads(run("clean", str(tmp_path / "a.txt"), "-f", "json").stdout)
    assert data["quality"] == {"ok": True, "reasons": []} and data["word_count"] > 50
    (tmp_path / "s.txt").write_text("Page not found")
    result = run("clean", str(tmp_path / "s.txt"), "-f", "json")
    assert result.exit_code == 0 and "would not be briefed" in result.stderr
    assert json.loads(result.stdout)["quality"]["ok"] is False
    one_line_error(run("clean", str(tmp_path / "a.txt"), "-f", "md"), 2, "text, json")


def test_no_input_at_all_is_a_usage_error():
    one_line_error(run("summarize"), 2, "at least one INPUT")


def test_model_from_config_file(fake_engine, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('model = "openai/gpt-4o-mini"\n')
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    monkeypatch.delenv("BRIEFING_MODEL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("BRIEFING_API_KEY", raising=False)
    one_line_error(run("summarize", str(EXAMPLE)), 1, "OPENAI_API_KEY")


def test_missing_key_fails_once_for_many_inputs(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("BRIEFING_API_KEY", raising=False)
    result = run("summarize", str(EXAMPLE), str(EXAMPLE), "-o", str(tmp_path / "o"),
                 "--model", "openai/gpt-4o-mini")
    one_line_error(result, 1, "OPENAI_API_KEY")
