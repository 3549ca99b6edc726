"""The `briefing` command line: parse options, call the API, print, set the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .errors import BriefingError, UsageError

app = typer.Typer(
    name="briefing",
    help="Turn news articles into structured, grounded briefings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}
EXTENSIONS = {"md": "md", "html": "html", "json": "json"}


def _fail(message: str, code: int) -> None:
    typer.echo(f"briefing: error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn any failure into one line on stderr and an exit code (a traceback with --debug)."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except BriefingError as exc:
        if _state["debug"]:
            raise
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:
        if _state["debug"]:
            raise
        _fail(f"internal error: {exc.__class__.__name__}: {exc} (rerun with --debug "
              "for the traceback)", 1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors "
                                        "(also BRIEFING_DEBUG=1).")] = False,
) -> None:
    """Turn news articles into structured, grounded briefings."""
    _state["debug"] = debug or os.environ.get("BRIEFING_DEBUG", "") not in ("", "0")


FormatOpt = Annotated[str, typer.Option("--format", "-f", help="md, html or json.")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help="A file for one input; a folder for several.")]
TemplatesOpt = Annotated[Path | None, typer.Option(
    "--templates", help="A folder whose templates override the shipped ones by name.")]


def _check_format(fmt: str) -> None:
    from .render import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def _check_templates(templates: Path | None) -> None:
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: not a directory")


def _targets(inputs: list[str], output: Path | None, fmt: str) -> list[Path | None]:
    """Where each input's result goes (None: stdout)."""
    if len(inputs) == 1 and (output is None or not output.is_dir()):
        return [output]
    if output is None:
        raise UsageError("several inputs need --output DIR")
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output}: several inputs need a folder, not a file")
    taken: set[str] = set()
    paths: list[Path | None] = []
    for item in inputs:
        stem = "stdin" if item == "-" else Path(item).stem
        name, n = stem, 1
        while name in taken:  # two inputs with the same stem must not overwrite each other
            n += 1
            name = f"{stem}-{n}"
        taken.add(name)
        paths.append(output / f"{name}.{EXTENSIONS[fmt]}")
    return paths


def _emit(text: str, target: Path | None) -> None:
    from .files import write_atomic

    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(target, text)


def _each(inputs: list[str], targets: list[Path | None], job: Callable[[str], str]) -> int:
    """Run ``job`` on every input; a failing input is reported and the others go on."""
    failed = 0
    for item, target in zip(inputs, targets, strict=True):
        try:
            with _errors():
                _emit(job(item), target)
                if target is not None and len(inputs) > 1:
                    typer.echo(f"briefing: wrote {target}", err=True)
        except typer.Exit as exc:
            if len(inputs) == 1 or exc.exit_code == 130:
                raise
            failed += 1
    if failed:
        typer.echo(f"briefing: {failed} of {len(inputs)} inputs failed", err=True)
    return 1 if failed else 0


@app.command(epilog="""Examples:

\b
  briefing summarize examples/harbour-fire.txt
  briefing summarize page.html --format html --output brief.html
  cat article.txt | briefing summarize - --format json
  briefing summarize a.txt b.html --output briefs/ --format md""")
def summarize(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT", help="Article files (.txt, .md, .html) or - for stdin.")],
    fmt: FormatOpt = "md",
    output: OutputOpt = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", help="Engine or model: extractive (offline, the default). "
        "Also BRIEFING_MODEL.")] = None,
    templates: TemplatesOpt = None,
) -> None:
    """Turn news articles into grounded briefings (who, what, where, when, sources,
    uncertainty)."""
    with _errors():
        from . import api
        from .engines import get_engine
        from .render import render_briefing

        _check_format(fmt)
        _check_templates(templates)
        name = model or os.environ.get("BRIEFING_MODEL") or api.DEFAULT_MODEL
        get_engine(name)  # an unknown model fails before any input is read
        targets = _targets(inputs, output, fmt)

    def job(item: str) -> str:
        return render_briefing(api.summarize(item, model=name), fmt, templates)

    raise typer.Exit(_each(inputs, targets, job))


@app.command(epilog="""Examples:

\b
  briefing render brief.json --format html --output brief.html
  briefing render brief.json --templates my-templates/""")
def render(
    briefings: Annotated[list[str], typer.Argument(
        metavar="BRIEFING.json", help="Briefings saved with --format json.")],
    fmt: FormatOpt = "md",
    output: OutputOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Re-render saved briefing JSON without running any engine."""
    with _errors():
        from .api import load_briefing
        from .render import render_briefing

        _check_format(fmt)
        _check_templates(templates)
        targets = _targets(briefings, output, fmt)

    def job(item: str) -> str:
        return render_briefing(load_briefing(item), fmt, templates)

    raise typer.Exit(_each(briefings, targets, job))


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return app(args=argv, prog_name="briefing")
