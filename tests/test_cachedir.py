"""The cache folder and the derived NLP tables kept in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import cachedir


def _no_home() -> Path:
    raise RuntimeError("Could not determine home directory.")


def test_no_home_means_no_cache_folder_and_tables_are_still_built(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(_no_home))
    assert cachedir.cache_dir() is None
    table = cachedir.derived_table("t", ("1",), lambda: {"a": 1}, dict, dict)
    assert table == {"a": 1}


def test_a_table_is_built_once_and_then_read_back(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    builds: list[int] = []

    def build() -> frozenset[str]:
        builds.append(1)
        return frozenset({"obama", "modi"})

    first = cachedir.derived_table("names", ("9", "1"), build, frozenset, sorted)
    second = cachedir.derived_table("names", ("9", "1"), build, frozenset, sorted)
    assert first == second == frozenset({"obama", "modi"}) and builds == [1]
    assert (tmp_path / "briefing" / "names-9-1.marshal").is_file()


def test_a_torn_table_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "briefing").mkdir()
    (tmp_path / "briefing" / "names-1.marshal").write_bytes(b"\x00garbage")
    assert cachedir.derived_table("names", ("1",), lambda: [3], list, list) == [3]


def test_a_folder_that_cannot_be_read_costs_speed_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert cachedir.derived_table("names", ("1",), lambda: [5], list, list) == [5]


def test_an_empty_table_or_unknown_version_is_not_kept(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cachedir.derived_table("empty", ("1",), list, list, list) == []
    assert cachedir.derived_table("nover", (), lambda: [1], list, list) == [1]
    assert not (tmp_path / "briefing").exists() or not any((tmp_path / "briefing").iterdir())
