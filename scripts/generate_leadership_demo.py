"""Generate the demo county's frontline data (一线工作法) and plant one 包案 problem.

Run it after scripts/generate_demo.py, which rewrites cases/:

    PYTHONPATH=tools python scripts/generate_demo.py
    PYTHONPATH=tools python scripts/generate_leadership_demo.py

It writes org/receptions/2025.yaml and 2026.yaml (the county leaders' reception days,
2025-12 to 2026-12: held ones with their outcome, the ones after TODAY as the schedule to
publish) and org/frontline/2025-12.yaml … 2026-11.yaml (the monthly ledgers, up to the day
before TODAY; the unit-side 包案 leaders of demo_data.UNIT_LEADERS on draws of their own, so
the others' days stay as they were), and gives case WRONG_OWNER_CASE an owner whose rank may not own it. The run
is seeded, so two runs give byte-identical files; everything is checked with xinfang's own
rules before anything is written.

What the commands then report, as of TODAY (tests/test_demo_leadership.py pins it):

- `xinfang frontline --month M`: exactly the leaders in SHORT for month M fall short;
- `xinfang receptions`: exactly the receptions in LATE are published less than 7 days ahead;
- `xinfang validate --as-of TODAY`: the owner of WRONG_OWNER_CASE, and the weekly reports
  that generate_demo.py let lapse (including the worked example XF-2026-0137).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

import demo_data as data

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.leaders.frontline import Month
from xinfang.models.leadership import FrontlineEntry, FrontlineLedger, Reception, Receptions
from xinfang.registry import store
from xinfang.registry.loader import load_registry
from xinfang.rules import leadership_checks

SEED = 20261122
TODAY = dt.date(2026, 11, 22)
DAY = dt.timedelta(days=1)
HEADER = "# 示例县（虚构）演示数据，由 scripts/generate_leadership_demo.py 生成；请修改脚本而非本文件。\n"
RECEPTION_MONTHS = [Month(2025, 12), *(Month(2026, m) for m in range(1, 13))]
LEDGER_MONTHS = RECEPTION_MONTHS[:-1]  # 2025-12 … 2026-11 (November up to yesterday)
COUNTY_RANKS = {"county_party_secretary", "county_head", "deputy_county_head", "county_leader"}

# (month, leader) → what is missing that month. Everyone else meets the quota.
SHORT = {
    ("2025-12", "wu-xiaodong"): {"town_days": 1},
    ("2026-02", "song-xiaoli"): {"skip": [dt.date(2026, 2, 10)]},
    ("2026-05", "gao-peng"): {"days": 1},
    ("2026-07", "feng-li"): {"line_days": 0},
    ("2026-09", "han-lei"): {"skip": [dt.date(2026, 9, 22)]},
    ("2026-10", "zhao-min"): {"town_days": 1},
    ("2026-10", "xie-fang"): {"days": 1},
}
# (month, leader) → days of notice, short of the 7 the policy asks for.
LATE = {("2026-04", "sun-lijun"): 5, ("2026-11", "zheng-guohua"): 6}
# November receptions after TODAY, for the schedule to publish.
UPCOMING = {"zheng-guohua": dt.date(2026, 11, 26), "li-wei": dt.date(2026, 11, 24)}
# A city-supervised case handed to the head of its department: the rules want a county leader.
WRONG_OWNER_CASE, WRONG_OWNER = "XF-2026-0197", "he-jun"

TOWN_WORK = [
    "到{town}听取信访积案汇报，逐案研究化解方案",
    "到{town}{village}现场协调{matter}问题",
    "督办{town}重点信访案件，约见信访人当面沟通",
    "到{town}调研矛盾纠纷排查化解工作",
    "到{town}{village}回访包案信访户",
]
LINE_WORK = [
    "就{line}方面的信访问题到相关部门现场办公，协调解决疑难问题",
    "围绕{line}召集相关部门研究信访积案",
    "到{line}领域的基层单位督导信访稳定工作",
]
DEPARTMENT_WORK = [
    "到下属单位督促信访稳定工作",
    "到基层站所现场办公，解决职工反映的问题",
    "到乡镇督办本系统交办的信访事项",
]
CADRE_WORK = [
    "到{village}走访农户，排查矛盾纠纷",
    "到{village}回访信访户，了解诉求落实情况",
    "在{village}便民服务站接待群众",
    "到{village}调处邻里和宅基地纠纷",
]
MATTERS = ["征地补偿", "拖欠工资", "房屋质量", "宅基地", "环境污染", "养老保险"]


class Demo:
    def __init__(self, root: Path) -> None:
        result = load_registry(root)
        if result.registry is None:
            raise SystemExit("the registry does not load: run scripts/generate_demo.py first")
        self.registry = result.registry
        self.leaders = self.registry.leaders
        self.calendar = OfficialCalendar(self.registry.calendars)
        self.rng = random.Random(SEED)

    def working_days(self, month: Month, *, last: dt.date | None = None) -> list[dt.date]:
        return [
            d
            for d in month.days()
            if self.calendar.is_working_day(d) and (last is None or d <= last)
        ]

    def town(self, key: str) -> tuple[str, str]:
        name, villages = data.TOWNS[key]
        return name, self.rng.choice(villages)

    # ------------------------------------------------------------ receptions

    def receptions(self) -> list[Reception]:
        out = []
        used_cases: set[str] = set()
        county = [k for k, ld in self.leaders.items() if ld.rank.value in COUNTY_RANKS]
        for month in RECEPTION_MONTHS:
            for key in county:
                out.append(self.reception(month, key, used_cases))
        return sorted(out, key=lambda r: (r.date, r.leader))

    def reception(self, month: Month, key: str, used_cases: set[str]) -> Reception:
        leader = self.leaders[key]
        town = self.rng.choice(leader.towns)
        # a reception on a day petitioners came to one of the leader's towns
        visits = sorted(
            {
                (c.received, c.unit)
                for c in self.registry.cases
                if c.channel == "visit"
                and c.unit in leader.towns
                and c.received in month
                and c.received < TODAY
                and self.calendar.is_working_day(c.received)
            }
        )
        days = [d for d in self.working_days(month) if 5 <= d.day <= 25 and d < TODAY]
        if month == Month.of(TODAY) and key in UPCOMING:
            date = UPCOMING[key]
        elif month > Month.of(TODAY) or month == Month.of(TODAY) and not days:
            date = self.rng.choice(self.working_days(month)[:5])
        elif visits and self.rng.random() < 0.6:
            date, town = self.rng.choice(visits)
        else:
            date = self.rng.choice(days)
        notice = LATE.get((str(month), key), self.rng.randint(7, 12))
        published = date - notice * DAY
        if published > TODAY - 2 * DAY:  # the coming month's schedule went out on the 20th
            published = dt.date(2026, 11, 20)
        reception = {
            "leader": key,
            "date": date,
            "place": f"{data.TOWNS[town][0]}便民服务中心接访室",
            "unit": town,
            "published": published,
        }
        if date < TODAY:
            cases = [
                c.id
                for c in self.registry.cases
                if c.received == date and c.channel == "visit" and c.unit == town
            ]
            cases = [c for c in cases if c not in used_cases]
            used_cases.update(cases)
            petitioners = max(len(cases), self.rng.randint(2, 12))
            matters = self.rng.randint(max(1, len(cases)), max(1, min(petitioners, 6)))
            reception |= {"petitioners": petitioners, "matters": matters}
            if cases:
                reception["cases"] = cases
        return Reception.model_validate(reception)

    # ------------------------------------------------------------ ledgers

    def ledger(self, month: Month, receptions: list[Reception]) -> list[FrontlineEntry]:
        entries = []
        for key, leader in self.leaders.items():
            if key in data.UNIT_LEADERS:
                entries += self.on_own_draw(key, month)
                continue
            plan = SHORT.get((str(month), key), {})
            mine = [r for r in receptions if r.leader == key and r.date in month and r.date < TODAY]
            if leader.rank.value in COUNTY_RANKS:
                entries += self.county_days(month, key, plan, mine)
            elif leader.rank.value == "department_head":
                entries += self.department_days(month, key, plan)
            else:
                entries += self.cadre_days(month, key, plan)
        return sorted(entries, key=lambda e: (e.date, list(self.leaders).index(e.leader)))

    def on_own_draw(self, key: str, month: Month) -> list[FrontlineEntry]:
        """The days of a unit-side 包案 leader, drawn apart so the others' days do not move."""
        shared, self.rng = self.rng, random.Random(f"{SEED}:{key}:{month}")
        try:
            if self.leaders[key].rank.value == "department_head":
                return self.department_days(month, key, {})
            if self.leaders[key].rank.value == "town_head":
                return self.cadre_days(month, key, {})
            return []  # deputies (unit_deputy) have no quota in policy/frontline.yaml
        finally:
            self.rng = shared

    def free_days(self, month: Month, taken: set[dt.date]) -> list[dt.date]:
        return [d for d in self.working_days(month, last=TODAY - DAY) if d not in taken]

    def county_days(
        self, month: Month, key: str, plan: dict, held: list[Reception]
    ) -> list[FrontlineEntry]:
        leader = self.leaders[key]
        out = [
            FrontlineEntry(
                leader=key,
                date=r.date,
                where=r.unit,
                work=f"在{data.TOWNS[r.unit][0]}公开接访，接待群众 {r.petitioners} 人次",
            )
            for r in held
        ]
        taken = {e.date for e in out}
        town_days = plan.get("town_days", self.rng.choice([2, 2, 3]))
        line_days = plan.get("line_days", self.rng.choice([1, 1, 2]))
        for where, count in (("town", town_days - len(out)), ("line", line_days)):
            free = self.free_days(month, taken)
            for date in sorted(self.rng.sample(free, max(0, min(count, len(free))))):
                taken.add(date)
                if where == "line":
                    text = self.rng.choice(LINE_WORK).format(line=self.rng.choice(leader.lines))
                    out.append(FrontlineEntry(leader=key, date=date, where="line", work=text))
                else:
                    town = self.rng.choice(leader.towns)
                    name, village = self.town(town)
                    text = self.rng.choice(TOWN_WORK).format(
                        town=name, village=village, matter=self.rng.choice(MATTERS)
                    )
                    out.append(FrontlineEntry(leader=key, date=date, where=town, work=text))
        return out

    def department_days(self, month: Month, key: str, plan: dict) -> list[FrontlineEntry]:
        count = plan.get("days", self.rng.choice([2, 2, 3]))
        free = self.free_days(month, set())
        out = []
        for date in sorted(self.rng.sample(free, min(count, len(free)))):
            if self.rng.random() < 0.25:
                where = self.rng.choice(list(data.TOWNS))
                text = f"到{data.TOWNS[where][0]}督办本系统交办的信访事项"
            else:
                where, text = "line", self.rng.choice(DEPARTMENT_WORK)
            out.append(FrontlineEntry(leader=key, date=date, where=where, work=text))
        return out

    def cadre_days(self, month: Month, key: str, plan: dict) -> list[FrontlineEntry]:
        town = self.leaders[key].unit
        last = TODAY - DAY
        owed = [d for d in self.working_days(month, last=last) if d.weekday() == 1]
        days = [d for d in owed if d not in plan.get("skip", [])]
        others = [d for d in self.free_days(month, set(days)) if d.weekday() != 1]
        extra = max(0, 4 - len(owed)) + (self.rng.random() < 0.3)
        days += self.rng.sample(others, min(extra, len(others)))
        out = []
        for date in sorted(days):
            _, village = self.town(town)
            text = self.rng.choice(CADRE_WORK).format(village=village)
            out.append(FrontlineEntry(leader=key, date=date, where=town, work=text))
        return out

    # ------------------------------------------------------------ files

    def files(self) -> dict[str, str]:
        receptions = self.receptions()
        files = {}
        for year in sorted({r.date.year for r in receptions}):
            mine = [r for r in receptions if r.date.year == year]
            files[f"org/receptions/{year}.yaml"] = render_receptions(mine)
        for month in LEDGER_MONTHS:
            files[f"org/frontline/{month}.yaml"] = render_ledger(self.ledger(month, receptions))
        self.check(files)
        return files

    def check(self, files: dict[str, str]) -> None:
        """xinfang's own rules over the generated files, before anything is written."""
        reg = self.registry
        cases = {c.id: c for c in reg.cases}
        problems = []
        for rel, text in files.items():
            parsed = store.parse_text(text, rel)
            stem = Path(rel).stem
            if rel.startswith("org/receptions/"):
                model = Receptions.model_validate(parsed)
                problems += leadership_checks.check_receptions(
                    rel, stem, model, leaders=reg.leaders, units=reg.units, cases=cases,
                    case_ids=set(cases), as_of=TODAY,
                )  # fmt: skip
            else:
                model = FrontlineLedger.model_validate(parsed)
                problems += leadership_checks.check_ledger(
                    rel, stem, model, leaders=reg.leaders, units=reg.units, as_of=TODAY - DAY
                )
        if problems:
            raise SystemExit("generated data is invalid, nothing written:\n" + "\n".join(
                f"{p.path}: {p.loc}: {p.message}" for p in problems
            ))  # fmt: skip


def render_receptions(receptions: list[Reception]) -> str:
    lines = [HEADER, "# yaml-language-server: $schema=../../schema/receptions.schema.json\n"]
    lines.append("receptions:\n")
    for r in receptions:
        lines.append(f"  - leader: {r.leader}\n")
        for name in ("date", "place", "unit", "published", "petitioners", "matters"):
            value = getattr(r, name)
            if value is not None:
                lines.append(f"    {name}: {value}\n")
        if r.cases:
            lines.append(f"    cases: [{', '.join(r.cases)}]\n")
    return "".join(lines)


def render_ledger(entries: list[FrontlineEntry]) -> str:
    lines = [HEADER, "# yaml-language-server: $schema=../../schema/frontline-ledger.schema.json\n"]
    lines.append("entries:\n")
    for e in entries:
        lines.append(
            f"  - {{leader: {e.leader}, date: {e.date}, where: {e.where}, work: {e.work}}}\n"
        )
    return "".join(lines)


def plant_wrong_owner(root: Path) -> str:
    """Give WRONG_OWNER_CASE to WRONG_OWNER, keeping the rest of the file as it is."""
    path = root / "cases" / WRONG_OWNER_CASE[3:7] / f"{WRONG_OWNER_CASE}.yaml"
    text = path.read_text(encoding="utf-8")
    if not re.search(r"^supervision: city$", text, flags=re.M):
        raise SystemExit(f"{WRONG_OWNER_CASE} is no longer city-supervised: choose another case")
    new, count = re.subn(r"^leader: \S+$", f"leader: {WRONG_OWNER}", text, count=1, flags=re.M)
    if count != 1:
        raise SystemExit(f"{WRONG_OWNER_CASE} has no leader: choose another case")
    path.write_text(new, encoding="utf-8", newline="\n")
    return path.relative_to(root).as_posix()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    repo = Path(__file__).resolve().parent.parent
    parser.add_argument(
        "--root", type=Path, default=repo, help="registry root (default: this repository)"
    )
    args = parser.parse_args()
    files = Demo(args.root).files()
    for folder in ("org/receptions", "org/frontline"):
        for old in sorted((args.root / folder).glob("*.yaml")):
            old.unlink()
    for rel, text in files.items():
        path = args.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(files)} files; owner of {plant_wrong_owner(args.root)} set to {WRONG_OWNER}")


if __name__ == "__main__":
    main()
