"""Never write over the user's files, resume by content, and messages that say what to do."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE, story
from typer.testing import CliRunner

from briefing.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def articles(folder: Path, n: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"story{i}.md").write_text(story(f"Ann Lee spoke in Paris on day {i}."),
                                             encoding="utf-8")
    return folder


def test_batch_run_twice_beside_its_articles_leaves_every_input_byte_identical(
        tmp_path, monkeypatch):
    src = articles(tmp_path / "articles")
    before = digest(src)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        result = run("batch", "articles", "--format", "md,json", "--no-cache", "-q")
        assert result.exit_code == 0, result.output
    assert digest(src) == before  # nothing written over, nothing added among the articles
    lines = (tmp_path / "briefing-out" / "manifest.jsonl").read_text().splitlines()
    last = [json.loads(x) for x in lines[-3:]]
    assert {x["status"] for x in last} == {"skipped"} and all(x["run"] for x in last)


def test_batch_refuses_an_output_folder_that_is_an_input_folder(tmp_path):
    src = articles(tmp_path / "in")
    result = run("batch", str(src), "-o", str(src), "--no-cache", "-q")
    assert result.exit_code == 2 and "is an input folder" in result.stderr
    inside = articles(tmp_path / "out" / "articles")
    result = run("batch", str(inside), "-o", str(tmp_path / "out"), "--no-cache", "-q")
    assert result.exit_code == 2 and "inside its articles/ folder" in result.stderr


def test_batch_walk_skips_its_own_output_and_lists_what_it_did_not_read(tmp_path):
    src = articles(tmp_path / "news", 2)
    (src / "photo.jpg.gz").write_bytes(b"\x1f\x8b\x08\x00")
    out = src / "briefs"
    assert run("batch", str(src), "-o", str(out), "--no-cache", "-q").exit_code == 0
    again = run("batch", str(src), "-o", str(out), "--no-cache", "-q")
    assert again.exit_code == 0, again.output
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    second = [x for x in lines if x["run"] == lines[-1]["run"]]
    assert not any("briefs" in Path(x["input"]).parts[:-1] and x["status"] != "ignored"
                   for x in second)  # its own briefings are never read as articles
    ignored = {Path(x["input"]).name: x["reason"] for x in second if x["status"] == "ignored"}
    assert "photo.jpg.gz" in ignored and "not an article file (.gz)" in ignored["photo.jpg.gz"]


def test_an_edited_article_is_briefed_again_on_resume(tmp_path):
    src = articles(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert run("batch", str(src), "-o", str(out), "--no-cache", "-q").exit_code == 0
    (src / "story1.md").write_text(story("Bo Chan spoke in Lyon on day nine."), encoding="utf-8")
    assert run("batch", str(src), "-o", str(out), "--no-cache", "-q").exit_code == 0
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    latest = {Path(x["input"]).name: x["status"] for x in lines}
    assert latest == {"story0.md": "skipped", "story1.md": "ok"}
    saved = json.loads((out / "articles" / "story1.json").read_text())
    assert "Bo Chan" in saved["article"]["text"]


def test_summarize_never_writes_over_an_input(tmp_path, monkeypatch):
    a = tmp_path / "a.md"
    a.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = a.read_bytes()
    result = run("summarize", str(a), "-o", str(a))
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    b = tmp_path / "b.md"
    b.write_bytes(before)
    monkeypatch.chdir(tmp_path)
    result = run("summarize", "a.md", "b.md", "-o", ".")
    assert result.exit_code == 0, result.output
    assert a.read_bytes() == before and b.read_bytes() == before
    assert (tmp_path / "a-2.md").is_file() and (tmp_path / "b-2.md").is_file()


def test_an_output_path_ending_in_a_slash_is_a_folder(tmp_path):
    result = run("summarize", str(EXAMPLE), "-o", str(tmp_path / "newdir") + "/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newdir" / "harbour-fire.md").is_file()


def test_a_jsonl_export_can_be_summarized_to_stdout(tmp_path):
    export = tmp_path / "one.jsonl"
    export.write_text(json.dumps({"text": EXAMPLE.read_text(encoding="utf-8")}) + "\n")
    result = run("summarize", str(export), "--format", "json")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["article"]["word_count"] > 50


def test_debug_works_after_the_command_name(tmp_path):
    missing = str(tmp_path / "missing.txt")
    quiet = subprocess.run([sys.executable, "-m", "briefing", "summarize", missing],
                           capture_output=True, text=True)
    loud = subprocess.run([sys.executable, "-m", "briefing", "summarize", missing, "--debug"],
                          capture_output=True, text=True)
    assert quiet.returncode == 1 and "Traceback" not in quiet.stderr
    assert loud.returncode != 0 and "Traceback" in loud.stderr and "InputError" in loud.stderr


def test_an_email_without_a_sender_warns_that_relays_reject_it(tmp_path):
    result = run("summarize", str(EXAMPLE), "--format", "email", "--to", "a@example.org",
                 "-o", str(tmp_path / "b.eml"))
    assert result.exit_code == 0, result.output
    assert "real mail relays reject" in result.stderr and "--from" in result.stderr


def test_render_reads_a_saved_daily_brief(tmp_path):
    saved = tmp_path / "daily.json"
    made = run("daily", str(EXAMPLE), "-o", str(saved), "--no-cache")
    assert made.exit_code == 0, made.output
    result = run("render", str(saved), "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Daily brief") and "Rotterdam" in result.stdout


@pytest.mark.parametrize("command", ["summarize", "clean", "batch", "daily", "render", "send"])
def test_help_shows_metavars_not_python_types(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "<list[str]>" not in result.stdout and "<path>" not in result.stdout
    assert "<float>" not in result.stdout and "<text>" not in result.stdout


def test_daily_selects_the_articles_of_a_day_or_a_recent_window(tmp_path):
    export = tmp_path / "week.jsonl"
    rows = [(story(f"Ann Lee spoke in Paris about the harbour plan on day {i}."),
             f"2026-11-{20 + i:02d}T09:00:00Z") for i in range(3)]
    export.write_text("\n".join(json.dumps({"text": t, "published": p, "id": f"a{i}"})
                                for i, (t, p) in enumerate(rows)) + "\n", encoding="utf-8")
    day = run("daily", str(export), "--date", "2026-11-21", "-f", "json", "--no-cache")
    assert day.exit_code == 0, day.output
    brief = json.loads(day.stdout)
    assert brief["article_count"] == 1 and brief["date"] == "2026-11-21"
    assert any("left out 1 article published before 2026-11-21" in n for n in brief["notes"])
    assert any("left out 1 article published from 2026-11-22" in n for n in brief["notes"])
    bad = run("daily", str(export), "--since", "yesterday")
    assert bad.exit_code == 2 and "--since" in bad.stderr


def test_a_daily_brief_is_never_written_over_an_input(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    for path in (a, b):
        path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = a.read_bytes()
    result = run("daily", str(a), str(b), "--output", str(a), "--no-cache")
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    result = run("batch", str(tmp_path), "-o", str(tmp_path / "out"), "--daily", str(a), "-q",
                 "--no-cache")
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    assert a.read_bytes() == before


def test_resume_never_gives_a_new_input_the_files_of_an_earlier_one(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "z").mkdir()
    (tmp_path / "a" / "x.txt").write_text(story("Ann Lee spoke in Paris on Monday."))
    (tmp_path / "z" / "x.txt").write_text(story("Bo Chan spoke in Lyon on Tuesday."))
    out = tmp_path / "o"
    assert run("batch", str(tmp_path / "a" / "x.txt"), "-o", str(out), "-q",
               "--no-cache").exit_code == 0
    assert run("batch", str(tmp_path / "z" / "x.txt"), str(tmp_path / "a" / "x.txt"), "-o",
               str(out), "-q", "--no-cache").exit_code == 0
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    latest = {x["input"]: x for x in lines}
    ids = {Path(k).parent.name: v["id"] for k, v in latest.items()}
    assert ids["a"] != ids["z"]
    saved = json.loads((out / "articles" / f"{ids['a']}.json").read_text())
    assert "Ann Lee" in saved["article"]["text"]


@pytest.mark.parametrize("args", [
    ("batch", "--rpm", "-5"), ("batch", "--tpm", "0"), ("daily", "--date", "2024-13-45"),
])
def test_bad_option_values_are_usage_errors(args, tmp_path):
    command, *flags = args
    extra = ["-o", str(tmp_path / "out"), "-q"] if command == "batch" else []
    result = run(command, str(EXAMPLE), *flags, *extra, "--no-cache")
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.stderr and flags[0] in result.stderr
