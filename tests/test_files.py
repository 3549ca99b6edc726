import os
import stat

import pytest

from briefing.files import write_atomic


def test_write_atomic_replaces_whole_file_with_normal_permissions(tmp_path):
    target = tmp_path / "sub" / "out.md"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["out.md"]  # no temp file left


def test_write_atomic_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.md"
    write_atomic(target, "old")
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old" and len(list(tmp_path.iterdir())) == 1
