"""org/actions/*.yaml: validated like cases, with located Chinese messages."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from registry_factory import DATA, make_registry
from xinfang.cli import cli
from xinfang.registry.loader import load_registry

VALID = """\
actions:
  - {date: 2026-11-05, kind: reminder, form: sms, unit: qingshi-town, reason: 连续两次通报排名后三位}
  - {date: 2026-09-01, kind: reminder, form: letter, unit: housing-bureau, case: XF-2026-0137, reason: 进展报告逾期}
  - kind: listing
    date: 2026-09-20
    unit: housing-bureau
    case: XF-2026-0137
    reason: 连续两次提醒
    steps:
      - {step: filing, date: 2026-09-20}
      - {step: notice, date: 2026-09-22}
  - {date: 2026-11-10, kind: interview, unit: qingshi-town, reason: 连续两次排名后三位}
"""


def _validate(root: Path):
    # before the example case's first weekly 包案 report falls due (tests/test_ownership.py)
    args = ["--root", str(root), "validate", "--as-of", "2026-06-10"]
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_valid_actions_load_sorted_by_date(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until="2026-06-10")
    (root / "org" / "actions").mkdir()
    (root / "org" / "actions" / "2026.yaml").write_text(VALID, encoding="utf-8")
    result = _validate(root)
    assert result.exit_code == 0, result.output
    registry = load_registry(root).registry
    assert [a.kind for a in registry.actions] == ["reminder", "listing", "reminder", "interview"]
    assert [s.step for s in registry.actions[1].steps] == ["filing", "notice"]


def test_every_bad_action_is_reported_with_its_line(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until="2026-06-10")
    (root / "org" / "actions").mkdir()
    shutil.copy(DATA / "actions" / "invalid.yaml", root / "org" / "actions" / "2026.yaml")
    result = _validate(root)
    assert result.exit_code == 1
    expected = (DATA / "actions" / "invalid.expected").read_text(encoding="utf-8")
    assert result.stdout == expected
    # Each bad action is left out and named; the file's one good action still counts.
    registry = load_registry(root).registry
    assert [(a.kind, a.reason) for a in registry.actions] == [
        ("reminder", "连续两次月度通报排名后三位")
    ]
    assert registry.omitted.as_json() == [
        {"path": "org/actions/2026.yaml", "reason": "8 条有错误的条目未计入"}
    ]


def test_ranking_policy_clock_must_exist(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until="2026-06-10")
    path = root / "policy" / "ranking.yaml"
    text = path.read_text(encoding="utf-8").replace("clock: handling", "clock: handlin", 1)
    path.write_text(text, encoding="utf-8")
    result = _validate(root)
    assert result.exit_code == 1
    assert "rates.handling.clock: 期限 handlin 不在 policy/deadlines.yaml 中" in result.stdout


def test_ranking_policy_weights_name_known_rates(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until="2026-06-10")
    path = root / "policy" / "ranking.yaml"
    text = path.read_text(encoding="utf-8").replace("  handling: 40", "  handlin: 40", 1)
    path.write_text(text, encoding="utf-8")
    result = _validate(root)
    assert result.exit_code == 1
    assert "weights 中的指标 'handlin' 不在 rates 中" in result.stdout
    assert load_registry(root).registry is None  # every command needs the ranking policy
