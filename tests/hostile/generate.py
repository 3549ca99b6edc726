"""Write the large hostile inputs, which are generated rather than committed.

    python tests/hostile/generate.py DIR      # writes every large case into DIR

The tests call these functions with pytest's ``tmp_path``. Each writes in chunks, so making a
50 MB file never holds 50 MB in memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024
SENTENCE = ("The council of Springfield met on Monday to discuss the harbour bridge, and the "
            "mayor said a decision would follow in March. ")


def _repeat(path: Path, unit: bytes, size: int, head: bytes = b"", tail: bytes = b"") -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        block = unit * max(1, MB // len(unit))
        written = len(head)
        while written + len(block) <= size - len(tail):
            fh.write(block)
            written += len(block)
        rest = size - len(tail) - written
        fh.write((unit * (rest // len(unit) + 1))[:rest])
        fh.write(tail)
    return path


def one_long_line(path: Path, size: int = 10 * MB) -> Path:
    """A text file that is a single line of ``size`` bytes (no newline at all)."""
    return _repeat(path, SENTENCE.replace(". ", ", ").encode(), size)


def huge_file(path: Path, size: int = 50 * MB) -> Path:
    """An ordinary-looking text file of ``size`` bytes, paragraphs and all."""
    return _repeat(path, (SENTENCE * 3 + "\n\n").encode(), size,
                   head=b"Council meets on the harbour bridge\n\n")


def nested_divs(path: Path, depth: int = 100_000) -> Path:
    """An HTML page whose article text sits inside ``depth`` nested <div>s."""
    text = f"<p>{SENTENCE * 6}</p>"
    path.write_text(f"<!DOCTYPE html><html><head><title>Deep</title></head><body>"
                    f"{'<div>' * depth}{text}{'</div>' * depth}</body></html>", encoding="utf-8")
    return path


def repeated_sentence_page(path: Path, size: int = 200 * 1024) -> Path:
    """An HTML page whose text is ``size`` bytes of one sentence, over and over."""
    head = (b"<!DOCTYPE html><html><head><title>Harbour bridge</title></head><body>"
            b"<article><h1>Harbour bridge</h1><p>")
    return _repeat(path, SENTENCE.encode(), size + len(head), head=head,
                   tail=b"</p></article></body></html>")


def long_jsonl_line(path: Path, size: int = 5 * MB + 1) -> Path:
    """A JSONL export: a good line, one line of more than ``size`` bytes, another good line."""
    good = {"title": "Council meets", "text": "Council meets on the bridge.\n\n" + SENTENCE * 8}
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({**good, "id": "before"}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": "x" * size}) + "\n")
        fh.write(json.dumps({**good, "id": "after"}) + "\n")
    return path


#: file name -> generator; the names' suffixes decide how the tool reads them.
LARGE: dict[str, Callable[[Path], Path]] = {
    "one-10mb-line.txt": one_long_line,
    "huge-50mb.txt": huge_file,
    "nested-100k-divs.html": nested_divs,
    "repeated-200kb-sentence.html": repeated_sentence_page,
    "long-5mb-line.jsonl": long_jsonl_line,
}


def write_all(folder: Path) -> list[Path]:
    """Write every large case into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [make(folder / name) for name, make in LARGE.items()]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/generate.py DIR")
    for written in write_all(Path(sys.argv[1])):
        print(written, written.stat().st_size)
