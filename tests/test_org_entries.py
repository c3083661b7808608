"""One bad entry of an org or policy file: one error at its line, the other entries still
load, and what it keeps from being checked elsewhere is said in one line. And `validate PATH`
checks each file with the model its path calls for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import DATA, REPO, UNITS, case_yaml, cases_of, make_registry
from xinfang.cli import cli
from xinfang.registry.loader import load_registry


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def _town_cases(n: int) -> dict[str, str]:
    return cases_of(
        *(
            case_yaml(f"XF-2026-{i:04d}", "qingshi-town", ["2026-06-01 received"])
            for i in range(1, n + 1)
        )
    )


TYPO_UNITS = UNITS.replace("qingshi-town: {name: 青石镇, type: town}", "qingshi-town: {name: 青石镇, type: twon}")  # fmt: skip


def test_a_typo_in_one_unit_gives_one_error_and_one_summary_line(tmp_path: Path) -> None:
    root = make_registry(
        tmp_path / "r", _town_cases(40), example_until="2026-06-10", units=TYPO_UNITS
    )
    result = run(root, "validate", "--as-of", "2026-06-10")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        # The leaders linked to the town cannot be checked either: said once, too.
        "org/units.yaml:0:0: 40 件案件因 org/units.yaml 出错而无法检查单位"
        "（cases/2026/XF-2026-0001.yaml、cases/2026/XF-2026-0002.yaml、"
        "cases/2026/XF-2026-0003.yaml、cases/2026/XF-2026-0004.yaml、"
        "cases/2026/XF-2026-0005.yaml 等 40 个）；"
        "1 个文件的条目因 org/units.yaml 出错而无法检查单位（org/leaders.yaml）",
        "org/units.yaml:4:35: units.qingshi-town.type: 取值 'twon' 无效，应为 'town' 或 'department' 之一",
    ]
    assert "不在 org/units.yaml 中" not in result.stdout
    # The other units load: the example case of the housing bureau is in the registry.
    registry = load_registry(root).registry
    assert registry is not None
    assert set(registry.units) == {"housing-bureau", "hrss-bureau"}
    assert [c.id for c in registry.cases] == ["XF-2026-0137"]
    left = registry.omitted.as_json()
    assert left[:3] == [  # the org files first, then the cases
        {"path": "org/leaders.yaml", "reason": "因 org/units.yaml 出错无法检查单位，仍按其内容计算"},
        {"path": "org/units.yaml", "reason": "1 条有错误的条目未计入"},
        {"path": "cases/2026/XF-2026-0001.yaml", "reason": "因 org/units.yaml 出错无法检查单位，未计入"},
    ]  # fmt: skip
    assert len(left) == 2 + 40


def test_a_unit_that_does_not_exist_is_still_an_error_in_each_case(tmp_path: Path) -> None:
    root = make_registry(
        tmp_path / "r", _town_cases(2), example_until="2026-06-10", units=TYPO_UNITS
    )
    path = root / "cases/2026/XF-2026-0002.yaml"
    path.write_text(path.read_text("utf-8").replace("qingshi-town", "nowhere-town"), "utf-8")
    out = run(root, "validate", "--as-of", "2026-06-10").stdout
    assert "cases/2026/XF-2026-0002.yaml:7:7: unit: 单位 nowhere-town 不在 org/units.yaml 中" in out
    assert "1 件案件因 org/units.yaml 出错而无法检查单位（cases/2026/XF-2026-0001.yaml）" in out


def test_an_unreadable_units_file_is_one_error_plus_one_line(tmp_path: Path) -> None:
    root = make_registry(
        tmp_path / "r", _town_cases(30), example_until="2026-06-10", units="units: [\n"
    )
    result = run(root, "validate", "--as-of", "2026-06-10")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("org/units.yaml:0:0: 31 件案件因 org/units.yaml 出错而无法检查单位")
    assert lines[1].startswith("org/units.yaml:2:1: YAML 语法错误")
    # Nothing can be computed without the units: every report refuses, naming the file.
    overdue = run(root, "overdue", "--as-of", "2026-06-10")
    assert overdue.exit_code == 1
    assert "org/units.yaml:2:1: YAML 语法错误" in overdue.stderr


def test_a_bad_leader_entry_leaves_the_others(early_registry: Path) -> None:
    registry = early_registry
    path = registry / "org" / "leaders.yaml"
    text = path.read_text("utf-8").replace("rank: deputy_county_head", "rank: vice_head")
    path.write_text(text, "utf-8")
    result = run(registry, "validate", "--as-of", "2026-06-10")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "org/leaders.yaml:0:0: 1 件案件因 org/leaders.yaml 出错而无法检查领导"
        "（cases/2026/XF-2026-0137.yaml）",
        "org/leaders.yaml:3:39: leaders.li-wei.rank: 取值 'vice_head' 无效，应为 "
        + result.stdout.split("应为 ", 1)[1].split("\n", 1)[0],
    ]
    registry_ = load_registry(registry).registry
    assert set(registry_.leaders) == {"zhao-gang", "wang-fang", "liu-qiang"}


def test_a_bad_frontline_entry_does_not_zero_the_leaders(early_registry: Path) -> None:
    registry = early_registry
    (registry / "org" / "frontline").mkdir()
    ledger = registry / "org" / "frontline" / "2026-05.yaml"
    text = (DATA / "valid" / "frontline-2026-05.yaml").read_text("utf-8")
    # One entry names a leader who is not in org/leaders.yaml.
    text = text.replace(
        "{leader: wang-fang, date: 2026-05-26", "{leader: wang-fnag, date: 2026-05-26"
    )
    ledger.write_text(text, "utf-8")
    result = run(registry, "frontline", "--month", "2026-05")
    assert result.exit_code == 0, result.output
    assert "部分条目有错误，未计入：org/frontline/2026-05.yaml（1 条）" in result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[2:5]}
    assert rows["赵刚"][3:6] == ["2", "1", "3"]  # every entry of the others still counts
    assert rows["王芳"][5] == "3"  # four entries, one left out
    validate = run(registry, "validate", "--as-of", "2026-06-10").stdout
    assert validate == (
        "org/frontline/2026-05.yaml:11:14: entries[8].leader: 领导 wang-fnag 不在 org/leaders.yaml 中\n"
    )


def test_a_bad_reception_leaves_the_others_in_the_schedule(early_registry: Path) -> None:
    registry = early_registry
    (registry / "org" / "receptions").mkdir()
    target = registry / "org" / "receptions" / "2026.yaml"
    text = (DATA / "valid" / "receptions-2026.yaml").read_text("utf-8")
    target.write_text(text.replace("place: 青石镇便民服务中心\n", "place: \n", 1), "utf-8")
    loaded = load_registry(registry)
    assert [p.field for p in loaded.errors] == ["receptions[1].place"]
    receptions = loaded.registry.receptions
    assert len(receptions) == text.count("- leader:") - 1
    assert loaded.registry.omitted.as_json() == [
        {"path": "org/receptions/2026.yaml", "reason": "1 条有错误的条目未计入"}
    ]


def test_a_bad_category_blocks_only_its_cases(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", _town_cases(3), example_until="2026-06-10")
    path = root / "policy" / "categories.yaml"
    path.write_text(
        path.read_text("utf-8").replace("{name: 拖欠工资}", "{name: 拖欠工资, x: 1}"), "utf-8"
    )
    out = run(root, "validate", "--as-of", "2026-06-10").stdout.splitlines()
    assert out[0].startswith("policy/categories.yaml:0:0: 3 件案件因 policy/categories.yaml 出错")
    assert out[1].startswith("policy/categories.yaml:3:30: categories.wage-arrears.x: 未知字段")
    assert len(out) == 2


# ------------------------------------------------------------ validate PATH, by kind

# (path, where the good text comes from, a mistake only that kind of file can have, message)
KINDS = [
    ("org/units.yaml", None, ("type: department}", "type: bureau}"), "units.housing-bureau.type: 取值 'bureau' 无效"),
    ("org/leaders.yaml", None, ("towns: [qingshi-town]}", "towns: [qingshi-town], age: 50}"), "leaders.zhao-gang.age: 未知字段"),
    ("org/receptions/2026.yaml", "valid/receptions-2026.yaml", ("petitioners: 6", "petitioners: -6"), "receptions[0].petitioners:"),
    ("org/frontline/2026-05.yaml", "valid/frontline-2026-05.yaml", ("work: 到东岭村走访}", "work: 到东岭村走访, hours: 3}"), "entries[8].hours: 未知字段"),
    ("org/actions/2026.yaml", "actions/invalid.yaml", None, "actions[1]: 措施类型 remind 不存在"),
    ("policy/categories.yaml", None, ("{name: 城市管理}", "{name: 城市管理, colour: red}"), "categories.urban-management.colour: 未知字段"),
    ("policy/deadlines.yaml", REPO / "policy/deadlines.yaml", ("due_soon_days: 5", "due_soon_days: soon"), "due_soon_days:"),
    ("policy/ranking.yaml", REPO / "policy/ranking.yaml", ("rates:", "rate:"), "rate: 未知字段"),
    ("policy/frontline.yaml", REPO / "policy/frontline.yaml", ("quotas:", "quota:"), "quota: 未知字段"),
    ("policy/ownership.yaml", REPO / "policy/ownership.yaml", ("progress_clock:", "progress_clocks:"), "progress_clocks: 未知字段"),
    ("policy/calendar/2027.yaml", "calendar-2027.yaml", ("year: 2027", "year: 2026"), "日期 2027-01-01 不属于 2026 年的安排"),
]  # fmt: skip


@pytest.mark.parametrize(("rel", "good", "mistake", "message"), KINDS, ids=[k[0] for k in KINDS])
def test_validate_path_checks_the_file_as_what_it_is(
    registry: Path, rel: str, good: str | Path | None, mistake: tuple | None, message: str
) -> None:
    target = registry / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if good is not None:
        shutil.copy(DATA / good if isinstance(good, str) else good, target)
    if mistake is None:
        clean = None
    else:
        clean = run(registry, "validate", "--as-of", "2026-06-10", str(target))
        text = target.read_text("utf-8")
        assert mistake[0] in text
        target.write_text(text.replace(mistake[0], mistake[1], 1), "utf-8")
    result = run(registry, "validate", "--as-of", "2026-06-10", str(target))
    if clean is not None:  # the good file passes as what it is
        assert clean.exit_code == 0, clean.output
        assert clean.stdout.startswith("已校验")
    assert result.exit_code == 1
    assert message in result.stdout
    # Never read as a case: a case file would lack id, title, events…
    assert not any(f" {f}: 缺少必填字段" in result.stdout for f in ("id", "title", "events"))
    assert {line.split(":", 1)[0] for line in result.stdout.splitlines()} == {rel}


def test_validate_path_refuses_a_file_with_no_place_in_org(early_registry: Path) -> None:
    registry = early_registry
    stray = registry / "org" / "notes.yaml"
    stray.write_text("units: {}\n", "utf-8")
    result = run(registry, "validate", str(stray))
    assert result.exit_code == 1
    assert result.stdout.startswith("org/notes.yaml:0:0: 不是登记库的文件：org/ 和 policy/ 下只有")


def test_validate_folder_checks_each_file_by_its_kind(early_registry: Path) -> None:
    registry = early_registry
    (registry / "org" / "frontline").mkdir()
    shutil.copy(DATA / "valid" / "frontline-2026-05.yaml", registry / "org/frontline/2026-05.yaml")
    result = run(registry, "validate", "--as-of", "2026-06-10", str(registry / "org"))
    assert result.exit_code == 0, result.output
    result = run(registry, "validate", "--as-of", "2026-06-10", str(registry / "policy"))
    assert result.exit_code == 0, result.output
