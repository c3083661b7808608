"""Generate the demo county's three registers, with problems planted for the checks to find.

Run it after scripts/generate_demo.py and scripts/generate_leadership_demo.py:

    PYTHONPATH=tools python scripts/generate_registers_demo.py

It writes org/screening/2026-10.yaml and 2026-11.yaml (risk-screening reports and matters),
replaces the `rota:` section at the end of org/receptions/2026.yaml (the reception rota from
2026-12-01), and writes org/spotchecks/2026.yaml (the samples of 2026-09 and 2026-10 drawn
with the real `spotcheck` code, and the reviewers' verdicts). No randomness of its own: two
runs give the same files. tests/test_demo_registers.py pins what the checks then report as of
TODAY:

- `xinfang screening --week 2026-W47`: SILENT_UNIT did not report at all, PARTIAL_UNIT
  missed the daily report of PARTIAL_DAY; STALE_FOUND's matter is 在办 past 30 days (the one
  found on NEAR_FOUND, exactly 30 days, is not);
- `xinfang receptions --rota --month 2026-12`: nobody at the centre on 2026-12-25, the unit
  without a leader on file (县环境分局) has nobody, and 冯丽 is on duty on Saturday
  2026-12-26;
- `xinfang spotcheck report` / `xinfang overdue`: one 问题件's accountability (3 days) and
  another's review (24 hours) overdue; a third, found the day before TODAY, is only 临期.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from xinfang.registers import spotcheck as sc
from xinfang.registry import store
from xinfang.registry.loader import load_registry

TODAY = dt.date(2026, 11, 22)
HEADER = (
    "# 示例县（虚构）演示数据，由 scripts/generate_registers_demo.py 生成；请修改脚本而非本文件。\n"
)
DAY = dt.timedelta(days=1)
SILENT_UNIT = "ecology-environment-bureau"
PARTIAL_UNIT = "education-bureau"
PARTIAL_DAY = dt.date(2026, 11, 19)
STALE_FOUND = dt.date(2026, 10, 12)
NEAR_FOUND = dt.date(2026, 10, 23)
SENSITIVE = [
    (dt.date(2026, 9, 30), dt.date(2026, 10, 8)),
    (dt.date(2026, 11, 18), dt.date(2026, 11, 20)),
]
# (unit, found, matter, people, risk, measures, status, closed, owner)
MATTERS = [
    ("qingshi-town", "2026-10-09", "村民小组土地补偿款分配意见不一", 23, "yellow",
     "镇村干部入户解释分配方案，召开村民代表会议", "resolved", "2026-10-28", "马良"),
    ("housing-bureau", STALE_FOUND.isoformat(), "小区业主反映开发商逾期交房", 41, "red",
     "约谈开发企业，督促制定交房计划", "open", None, "何军"),
    ("hrss-bureau", "2026-10-15", "建筑工地农民工工资结算纠纷", 12, "yellow",
     "责令总包单位限期支付，启用工资保证金", "resolved", "2026-11-03", "高鹏"),
    ("liuhe-town", "2026-10-20", "相邻宅基地界址争议", 2, "blue",
     "司法所调解，重新测量界址", "resolved", "2026-10-30", "胡静"),
    ("urban-management-bureau", NEAR_FOUND.isoformat(), "夜市摊点噪声扰民", 30, "blue",
     "调整经营时间，增设隔音设施", "open", None, "唐志强"),
    ("baita-township", "2026-11-04", "养殖场异味影响周边村民", 16, "yellow",
     "生态环境部门监测，限期整改", "controlled", "2026-11-18", "罗斌"),
    ("dongling-town", "2026-11-10", "道路施工占地补偿", 8, "blue",
     "核实占地面积，按标准补偿", "open", None, "梁超"),
    ("natural-resources-bureau", "2026-11-12", "林地承包合同到期续包争议", 5, "yellow",
     "组织双方协商，法律顾问释法", "open", None, "陆春燕"),
]  # fmt: skip


def sensitive(day: dt.date) -> bool:
    return any(a <= day <= b for a, b in SENSITIVE)


def screening_files(units: list[str]) -> dict[str, str]:
    reports: dict[str, list[tuple[str, dt.date]]] = {"2026-10": [], "2026-11": []}
    day = dt.date(2026, 10, 1)
    while day <= TODAY:
        weekly = day.weekday() == 4  # Friday
        for unit in units:
            if unit == SILENT_UNIT and day >= dt.date(2026, 11, 16):
                continue
            if unit == PARTIAL_UNIT and day == PARTIAL_DAY:
                continue
            if weekly or sensitive(day):
                reports[day.isoformat()[:7]].append((unit, day))
        day += DAY
    files = {}
    for month, items in reports.items():
        lines = [HEADER, "# yaml-language-server: $schema=../../schema/screening.schema.json\n"]
        lines.append("reports:\n")
        lines += [f"  - {{unit: {u}, date: {d}}}\n" for u, d in items]
        mine = [m for m in MATTERS if m[1].startswith(month)]
        lines.append("matters:\n")
        for unit, found, matter, people, risk, measures, status, closed, owner in mine:
            lines += [
                f"  - unit: {unit}\n",
                f"    found: {found}\n",
                f"    matter: {matter}\n",
                f"    people: {people}\n",
                f"    risk: {risk}\n",
                f"    measures: {measures}\n",
                f"    status: {status}\n",
            ]
            if closed:
                lines.append(f"    closed: {closed}\n")
            lines.append(f"    owner: {owner}\n")
        files[f"org/screening/{month}.yaml"] = "".join(lines)
    return files


CENTRE = [("zhang-jianguo", "monday"), ("chen-hong", "tuesday"), ("li-wei", "wednesday")]
CENTRE += [("zhao-min", "thursday")]
FRIDAYS = ["2026-12-04", "2026-12-11", "2026-12-18"]  # 2026-12-25 left open


def render_rota(unit_leaders: dict[str, str]) -> str:
    lines = [
        "\n# 接访值班（自 2026-12-01 起）：不填 unit 的在县群众工作中心。\n",
        "# 由 scripts/generate_registers_demo.py 写入。\n",
        "rota:\n",
    ]
    for leader, weekday in CENTRE:
        lines.append(f"  - {{leader: {leader}, weekdays: [{weekday}], since: 2026-12-01}}\n")
    lines.append(f"  - {{leader: sun-lijun, dates: [{', '.join(FRIDAYS)}]}}\n")
    lines.append("  - {leader: feng-li, dates: [2026-12-26]}\n")
    week = "[monday, tuesday, wednesday, thursday, friday]"
    for unit, leader in unit_leaders.items():
        lines.append(
            f"  - {{leader: {leader}, unit: {unit}, weekdays: {week}, since: 2026-12-01}}\n"
        )
    return "".join(lines)


# (month, index in the drawn order) → the reviewer's findings
VERDICTS = {
    ("2026-09", 0): {"checked": "2026-10-15", "problem": "答复意见未回应信访人提出的补偿标准问题",
                     "reviewed": "2026-10-16", "accountable": "2026-10-17",
                     "rectification": "重新出具答复意见并上门解释", "rectified": "2026-11-20"},
    ("2026-10", 0): {"checked": "2026-11-10", "problem": "未按规定书面告知受理情况",
                     "reviewed": "2026-11-12"},
    ("2026-10", 1): {"checked": "2026-11-20", "problem": "办理过程未见调查核实记录"},
    ("2026-10", 2): {"checked": "2026-11-21", "problem": "答复内容与事实认定不一致"},
}  # fmt: skip


def spotcheck_file(root: Path) -> str:
    registry = load_registry(root, use_cache=False).registry
    assert registry is not None
    entries = []
    for month, drawn_on in (("2026-09", dt.date(2026, 10, 9)), ("2026-10", dt.date(2026, 11, 6))):
        drawn = sc.draw(registry, month, rate=10, seed=month, minimum=1)
        for i, entry in enumerate(sc.sample_entries(drawn, month, drawn_on)):
            extra = VERDICTS.get((month, i))
            if extra is None and month == "2026-09":
                extra = {"checked": "2026-10-15"}
                entry["verdict"] = "ok"
            elif extra is not None:
                entry["verdict"] = "problem"
            entries.append({**entry, **{k: _value(v) for k, v in (extra or {}).items()}})
    tree = store.CommentedMap([("checks", store.CommentedSeq())])
    for entry in entries:
        tree["checks"].append(store.CommentedMap(entry.items()))
    text = store.dump_text(tree)
    return HEADER + "# yaml-language-server: $schema=../../schema/spotchecks.schema.json\n" + text


def _value(v: str) -> object:
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        return v


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    root = parser.parse_args().root
    registry = load_registry(root, use_cache=False).registry
    assert registry is not None
    units = [k for k, u in registry.units.items()]
    files = screening_files(units)
    leaders = {}
    for key, leader in registry.leaders.items():
        if leader.unit and leader.unit not in leaders:
            leaders[leader.unit] = key
    unit_leaders = {u: leaders[u] for u in units if u in leaders}
    receptions = root / "org/receptions/2026.yaml"
    text = receptions.read_text(encoding="utf-8")
    text = text.split("\n# 接访值班")[0].rstrip("\n") + "\n"
    files["org/receptions/2026.yaml"] = text + render_rota(unit_leaders)
    for rel, body in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(body, encoding="utf-8", newline="\n")
    (root / "org/spotchecks").mkdir(exist_ok=True)
    (root / "org/spotchecks/2026.yaml").write_text(
        spotcheck_file(root), encoding="utf-8", newline="\n"
    )
    print("已写入：", ", ".join([*files, "org/spotchecks/2026.yaml"]))


if __name__ == "__main__":
    main()
