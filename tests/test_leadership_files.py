"""Invalid leadership files as data: each tests/data/invalid/receptions/NAME.yaml (placed as
org/receptions/2026.yaml) and tests/data/invalid/frontline/NAME.yaml (placed as
org/frontline/2026-05.yaml) must give exactly the lines in NAME.expected. A first line
`# file: PATH` places the example elsewhere (to test file names)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import DATA, make_registry
from xinfang.cli import cli
from xinfang.registry.loader import load_registry

DEFAULT_TARGET = {
    "receptions": "org/receptions/2026.yaml",
    "frontline": "org/frontline/2026-05.yaml",
}
EXAMPLES = sorted((DATA / "invalid" / "receptions").glob("*.yaml")) + sorted(
    (DATA / "invalid" / "frontline").glob("*.yaml")
)
# Before the example case's first weekly report falls due: only the file under test speaks.
AS_OF = "2026-06-10"


def _target(example: Path) -> str:
    first = example.read_text(encoding="utf-8").splitlines()[0]
    if first.startswith("# file: "):
        return first.removeprefix("# file: ").strip()
    return DEFAULT_TARGET[example.parent.name]


def _validate(root: Path):
    args = ["--root", str(root), "validate", "--as-of", AS_OF]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_invalid_leadership_file_gives_exact_message(tmp_path: Path, example: Path) -> None:
    root = make_registry(tmp_path / "r", example_until=AS_OF)
    target = root / _target(example)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(example, target)
    result = _validate(root)
    assert result.exit_code == 1
    assert result.stdout == example.with_suffix(".expected").read_text(encoding="utf-8")


def test_valid_leadership_files_validate_and_load(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until=AS_OF)
    (root / "org" / "receptions").mkdir()
    (root / "org" / "frontline").mkdir()
    shutil.copy(DATA / "valid" / "receptions-2026.yaml", root / "org/receptions/2026.yaml")
    shutil.copy(DATA / "valid" / "frontline-2026-05.yaml", root / "org/frontline/2026-05.yaml")
    result = _validate(root)
    assert result.exit_code == 0, result.output
    assert "已校验 11 个文件" in result.stdout
    registry = load_registry(root).registry
    assert registry is not None
    assert [(r.leader, r.date.isoformat()) for r in registry.receptions] == [
        ("li-wei", "2026-06-03"),
        ("zhao-gang", "2026-06-16"),
        ("li-wei", "2026-06-18"),
    ]
    assert len(registry.frontline) == 9


def test_registry_without_leadership_files_is_valid(registry: Path) -> None:
    loaded = load_registry(registry, as_of=None)
    assert loaded.problems == []
    assert loaded.registry is not None
    assert loaded.registry.receptions == [] and loaded.registry.frontline == []


def test_a_broken_ledger_is_left_out_but_the_rest_loads(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until=AS_OF)
    (root / "org" / "frontline").mkdir()
    shutil.copy(DATA / "valid" / "frontline-2026-05.yaml", root / "org/frontline/2026-05.yaml")
    shutil.copy(
        DATA / "invalid" / "frontline" / "where-unknown.yaml", root / "org/frontline/2026-04.yaml"
    )
    loaded = load_registry(root)
    assert {p.path for p in loaded.problems} == {"org/frontline/2026-04.yaml"}
    assert loaded.registry is not None
    assert {e.date.month for e in loaded.registry.frontline} == {5}


@pytest.mark.parametrize("name", ["frontline.yaml", "ownership.yaml"])
def test_policy_files_are_required(registry: Path, name: str) -> None:
    (registry / "policy" / name).unlink()
    result = _validate(registry)
    assert result.exit_code == 1
    assert f"policy/{name}:0:0: 缺少文件" in result.stdout


def test_ownership_policy_must_name_an_existing_clock(early_registry: Path) -> None:
    registry = early_registry
    path = registry / "policy" / "ownership.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "progress_clock: progress", "progress_clock: weekly"
        ),
        encoding="utf-8",
    )
    result = _validate(registry)
    assert result.stdout.splitlines() == [
        "policy/ownership.yaml:73:17: progress_clock: 期限 weekly 不在 policy/deadlines.yaml 中"
    ]


def test_frontline_policy_gives_each_rank_one_quota(early_registry: Path) -> None:
    registry = early_registry
    path = registry / "policy" / "frontline.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "ranks: [department_head]", "ranks: [department_head, town_head]"
        ),
        encoding="utf-8",
    )
    result = _validate(registry)
    assert result.stdout.splitlines() == [
        "policy/frontline.yaml:27:13: quotas.town-cadres.ranks[0]: "
        "职级 town_head 已属于定额 department-heads，每个职级只能属于一项定额"
    ]
