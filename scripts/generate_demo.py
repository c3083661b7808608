"""Generate the fictional demo county (示例县): its organisation, categories and 400 cases.

Everything written here is generated data. Each run rewrites org/units.yaml,
org/leaders.yaml and policy/categories.yaml, and DELETES and rewrites cases/.
Edit this script (and demo_data.py, demo_events.py beside it), not its output.
The run is seeded, so two runs give byte-identical files. Case XF-2026-0137 is
the worked example of the project brief, written verbatim; the others are
generated around it. Everything is checked against the models before any file
is written.

All people, places and companies are invented. Phone numbers follow the
obviously fake "1380000xxxx" pattern and the few ID numbers start with 000000.

    PYTHONPATH=tools python scripts/generate_demo.py [--root PATH]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import json
import random
import re
import shutil
from collections import Counter
from itertools import pairwise, takewhile
from pathlib import Path

import demo_data as data
from demo_events import (
    DAY,
    LAST_EVENT_DAY,
    TODAY,
    add_progress_reports,
    estimate_open_clocks,
    is_workday,
    name_break,
    plan_events,
)
from ruamel.yaml import YAML

from xinfang.models import Case, Categories, Leaders, Petitioner, Units

SEED = 20261122
MODELINE = "# yaml-language-server: $schema=../../schema/case.schema.json"
ORG_HEADER = "# 示例县（虚构）演示数据，由 scripts/generate_demo.py 生成；请修改脚本而非本文件。\n"
CASE_FIELDS = list(Case.model_fields)  # the file's field order is the model's
PERSON_FIELDS = [f.name for f in dataclasses.fields(Petitioner)]

EXAMPLE_ID = "XF-2026-0137"
EXAMPLE_TEXT = """\
# yaml-language-server: $schema=../../schema/case.schema.json
id: XF-2026-0137
title: 反映小区雨棚被拆除导致楼道积水
received: 2026-06-03
channel: online          # 信访形式：letter 来信 | visit 来访 | online 网上 | phone 来电
kind: request            # 事项类别：request 申诉求决类 | suggestion 建议意见类 | accusation 检举控告类
category: urban-management
unit: housing-bureau     # 责任单位，org/units.yaml 中的键
petitioners:
  - name: 徐某某
    phone: "13800000000"
headcount: 1
first: true              # 初信初访
leader: li-wei           # 包案领导，org/leaders.yaml 中的键（可不填）
unit_leader: xu-wen      # 责任单位一方同时包案的领导，org/leaders.yaml 中的键（可不填）
supervision: city        # 督办层级：county 县 | city 市 | province 省 | central 中央（可不填）
priority: yellow         # 风险等级：red 红 | yellow 黄 | blue 蓝（可不填）
events:
  - {date: 2026-06-03, type: received}
  - {date: 2026-06-05, type: accepted}
  - {date: 2026-07-20, type: extended, days: 20, approval: 县住建局负责人批准}
  - {date: 2026-08-20, type: answered}
  - {date: 2026-08-25, type: rated, rating: satisfied}
"""

# Planted for the accountability rules (tests/test_demo_leadership.py lists what they give):
# a key case whose town or department side of 包案 is left empty,
NO_SECOND_OWNER = "XF-2026-0221"
# a 32-person visit to Beijing (诫勉 from 30 people on),
ADMONITION_CASE = "XF-2026-0046"
# and a land matter brought back as three collective visits of 20 people or more within a year.
SELF_EXAMINATION_ROOT = "XF-2025-0076"
SELF_EXAMINATION_VISITS = {"XF-2025-0104": 22, "XF-2026-0146": 26, "XF-2026-0177": 29}

# Received dates per stretch, sized so that the 137th case of 2026 falls on the example's day.
STRETCHES = [
    (dt.date(2025, 1, 2), dt.date(2025, 12, 31), 160),
    (dt.date(2026, 1, 1), dt.date(2026, 6, 2), 136),
    (dt.date(2026, 6, 3), dt.date(2026, 11, 20), 103),
]
# Day 15 after these falls in a Spring Festival or National Day break: accepted on the last
# legal day, after the break (民法典 art. 203).
HOLIDAY_EDGES = [
    dt.date(2025, 1, 20),
    dt.date(2025, 9, 22),
    dt.date(2026, 2, 2),
    dt.date(2026, 9, 18),
]
# Received about two weeks before today, so some acceptance notices fall due in the next days.
DUE_SOON_DAYS = [dt.date(2026, 11, 9), dt.date(2026, 11, 10), dt.date(2026, 11, 11)]
# Proportions from DOMAIN.md and the seeds.
KINDS = {"request": 75, "suggestion": 12, "accusation": 13}
CHANNELS = {"visit": 40, "online": 30, "letter": 15, "phone": 15}
VISITED_LEVELS = {"county": 87, "city": 8, "province": 3, "national": 2}
SUPERVISIONS = {"county": 50, "city": 30, "province": 13, "central": 7}
PRIORITIES = {"red": 14, "yellow": 24, "blue": 38}


def apportion(shares: dict[str, int], count: int) -> list[str]:
    """`count` labels in the given proportions (largest remainder), in the order of `shares`."""
    total = sum(shares.values())
    exact = {k: count * v / total for k, v in shares.items()}
    counts = {k: int(x) for k, x in exact.items()}
    for k in sorted(exact, key=lambda k: counts[k] - exact[k])[: count - sum(counts.values())]:
        counts[k] += 1
    return [k for k, n in counts.items() for _ in range(n)]


def deal(rng: random.Random, shares: dict[str, int], count: int) -> list[str]:
    labels = apportion(shares, count)
    rng.shuffle(labels)
    return labels


def draw_received_dates(rng: random.Random) -> list[list[dt.date]]:
    stretches = []
    for first, last, count in STRETCHES:
        days = [first + i * DAY for i in range((last - first).days + 1)]
        weights = [1.0 if is_workday(d) else 0.12 for d in days]
        forced = [d for d in HOLIDAY_EDGES + DUE_SOON_DAYS if first <= d <= last]
        stretches.append(sorted(rng.choices(days, weights, k=count - len(forced)) + forced))
    return stretches


def deal_profiles(rng: random.Random, dates: list[dt.date]) -> list[tuple[str, str, str | None]]:
    """Kind, channel and visited level of each case, in exact proportions."""
    kinds = deal(rng, KINDS, len(dates))
    channels = deal(rng, CHANNELS, len(dates))
    remote = [
        i for i, d in enumerate(dates) if is_workday(d) and channels[i] in ("online", "phone")
    ]
    for i, day in enumerate(dates):
        if not is_workday(day) and channels[i] in ("visit", "letter"):  # the office is shut
            j = remote.pop(rng.randrange(len(remote)))
            channels[i], channels[j] = channels[j], channels[i]
    levels = iter(deal(rng, VISITED_LEVELS, channels.count("visit")))
    return [
        (k, c, next(levels) if c == "visit" else None) for k, c in zip(kinds, channels, strict=True)
    ]


def choose_matter(rng: random.Random, kind: str) -> tuple[str, str, str, str]:
    """Category, unit and the title and summary templates of a new matter."""
    if kind == "suggestion":
        category, unit, title, summary = rng.choice(data.SUGGESTIONS)
    elif kind == "accusation":
        category, unit, title, summary = rng.choices(data.ACCUSATIONS, [5, 4, 4, 3, 4, 2, 2])[0]
    else:
        keys = list(data.CATEGORIES)
        category = rng.choices(keys, [data.CATEGORIES[k][1] for k in keys])[0]
        unit = rng.choice(data.CATEGORIES[category][2])
        title, summary = rng.choice(data.REQUESTS[category])
    if unit == "town":
        unit = rng.choice(list(data.TOWNS))
    return category, unit, title, summary


def fill_templates(
    rng: random.Random, texts: tuple[str, str], town: str, headcount: int
) -> list[str]:
    """Fill title and summary with the same invented village, company, road…"""
    places = {
        "village": rng.choice(data.TOWNS[town][1]),
        "town": data.TOWNS[town][0],
        "road": rng.choice(data.ROADS),
        "estate": rng.choice(data.ESTATES),
        "company": rng.choice(data.COMPANIES),
        "school": rng.choice(data.SCHOOLS),
        "river": rng.choice(data.RIVERS),
        "n": max(headcount, rng.randint(6, 40)),
        "money": rng.randint(3, 80),
    }
    return [text.format(**places) for text in texts]


def draw_person(rng: random.Random, channel: str, town: str, contact: bool) -> dict:
    person = {"name": rng.choice(data.SURNAMES) + rng.choice(data.GIVEN_NAMES)}
    if rng.random() < (0.9 if contact and channel in ("phone", "online") else 0.4):
        person["phone"] = f"1380000{rng.randint(1000, 9999)}"
    if rng.random() < 0.1:
        name, villages = data.TOWNS[town]
        person["address"] = f"示例县{name}{rng.choice(villages)}{rng.randint(1, 9)}组"
    return person


def draw_petitioners(rng: random.Random, case: dict, town: str) -> tuple[int, list[dict]]:
    channel = case["channel"]
    if case["kind"] == "accusation" and channel in ("letter", "online") and rng.random() < 0.4:
        return 1, [{"name": "匿名"}]
    crowded = case["category"] in ("wage-arrears", "land-acquisition", "urban-demolition")
    if channel == "visit" and rng.random() < (0.15 if crowded else 0.03):
        # art. 20: a group visit sends at most 5 representatives
        headcount, listed = rng.randint(5, 60), rng.randint(1, 5)
    elif channel in ("visit", "letter") and rng.random() < 0.12:
        headcount = listed = rng.randint(2, 3)
    else:
        headcount = listed = 1
    return headcount, [draw_person(rng, channel, town, i == 0) for i in range(listed)]


def choose_leader(rng: random.Random, case: dict) -> tuple[str, str | None]:
    """The owner by level, after the county's 包案 rules (seed: 健全领导包案机制), and the
    unit's head when the draw picks one: a county-listed case is owned by the county leader
    in charge and its unit's head owns it with him (policy/ownership.yaml, tier in-charge)."""

    def of_rank(*ranks: str) -> list[str]:
        return [k for k, v in data.LEADERS.items() if v[2] in ranks]

    if case["supervision"] in ("province", "central") or case.get("visited_level") == "national":
        return rng.choice(of_rank("county_party_secretary", "county_head")), None
    county = of_rank("deputy_county_head", "county_leader")
    in_charge = [
        k
        for k in county
        if case["category"] in data.LEADERS[k][6] or case["unit"] in data.LEADERS[k][4]
    ]
    if case["supervision"] == "county" and rng.random() < 0.6:
        local = [
            k for k in of_rank("department_head", "town_head") if data.LEADERS[k][3] == case["unit"]
        ]
        if local:
            # the draw stays as it was, so that the rest of the demo does not move
            return (in_charge or county)[0], rng.choice(local)
    return rng.choice(in_charge or county), None


def choose_unit_leader(case: dict) -> str | None:
    """The town's or department's owner beside a county leader: its head for the top tier
    (listed by the province or above, a visit to Beijing or a group visit to the province),
    its deputy in charge otherwise."""
    level = case.get("visited_level")
    top = (
        case["supervision"] in ("province", "central")
        or level == "national"
        or (level == "province" and case["headcount"] >= 5)
    )
    ranks = ("town_head", "department_head") if top else ("unit_deputy",)
    everyone = data.LEADERS | data.UNIT_LEADERS
    mine = [k for k, v in everyone.items() if v[3] == case["unit"] and v[2] in ranks]
    return mine[0] if mine else None


def find_earlier(history: list[dict], case: dict) -> list[dict]:
    """Earlier named cases on the same matter: candidates for a repeat petition."""
    same = ("unit", "category", "kind")
    return [
        c
        for c in history
        if all(c[k] == case[k] for k in same)
        and c["received"] < case["received"]
        and c["petitioners"][0]["name"] != "匿名"
    ]


def build_case(
    rng: random.Random, case_id: str, received: dt.date, profile: tuple, history: list[dict]
) -> dict:
    kind, channel, level = profile
    category, unit, title, summary = choose_matter(rng, kind)
    case = {"id": case_id, "title": title, "received": received, "channel": channel, "kind": kind}
    case |= {"category": category, "unit": unit, "first": rng.random() < 0.667}
    town = unit if unit in data.TOWNS else rng.choice(list(data.TOWNS))
    headcount, petitioners = draw_petitioners(rng, case, town)
    case["title"], summary = fill_templates(rng, (title, summary), town, headcount)
    earlier = find_earlier(history, case)
    if earlier and rng.random() < 0.13:
        original = rng.choice(earlier)
        case |= {"first": False, "repeat_of": original["id"]}
        case["title"] = "再次" + original["title"].removeprefix("再次")
        summary = original.get("summary")
        petitioners = copy.deepcopy(original["petitioners"])
        headcount = max(headcount, len(petitioners))
    if summary and rng.random() < 0.7:
        case["summary"] = summary
    case |= {"petitioners": petitioners, "headcount": headcount}
    if level:
        case["visited_level"] = level
    if level == "national" and headcount >= 5 and not case["first"]:
        case["irregular"] = True  # 非正常上访: a repeat group petition taken to Beijing
    if kind == "request" and (level in ("province", "national") or rng.random() < 0.18):
        if level == "national":
            case["supervision"] = rng.choice(["central", "province"])
        elif level == "province":
            case["supervision"] = rng.choice(["province", "city"])
        else:
            case["supervision"] = rng.choices(list(SUPERVISIONS), list(SUPERVISIONS.values()))[0]
        case["leader"], unit_leader = choose_leader(rng, case)
        unit_leader = unit_leader or choose_unit_leader(case)
        if unit_leader and case["id"] != NO_SECOND_OWNER:
            case["unit_leader"] = unit_leader
    if kind == "accusation" and rng.random() < 0.12:
        case["confidential"] = True
    case["events"] = plan_events(rng, case, on_last_day=received in HOLIDAY_EDGES)
    if "leader" in case:
        add_progress_reports(rng, case)
    return case


def assign_priorities(rng: random.Random, cases: list[dict]) -> None:
    """红黄蓝 for the key cases in one town's proportions, red mostly for the higher-listed."""
    weight = {"county": 0, "city": 1, "province": 2, "central": 3}
    key = [c for c in cases if "leader" in c and c["id"] != EXAMPLE_ID]
    key.sort(key=lambda c: weight[c["supervision"]] + 2 * rng.random(), reverse=True)
    for case, priority in zip(key, apportion(PRIORITIES, len(key)), strict=True):
        case["priority"] = priority


def leave_clocks_running(
    rng: random.Random, cases: list[dict], *, overdue: int, due_soon: int
) -> None:
    """Take back the step that stopped a clock in a few cases: the overdue and due-soon lists need entries."""
    stops = {"accepted": 2, "answered": 7, "reviewed": 1}
    soon, late = [], []
    for case in cases:
        present = [t for t in stops if any(e["type"] == t for e in case["events"])]
        if case["id"] == EXAMPLE_ID or "leader" in case or not present:
            continue
        stop = rng.choices(present, [stops[t] for t in present])[0]
        kept = list(takewhile(lambda e, stop=stop: e["type"] != stop, case["events"]))
        dues = [due for _, due in estimate_open_clocks(case | {"events": kept})]
        if any(is_due_soon(due) for due in dues):
            soon.append((case, kept))
        elif any(due < TODAY for due in dues) and (
            case["received"].year == 2026 or rng.random() < 0.2
        ):
            late.append((case, kept))  # mostly this year's backlog
    for case, kept in rng.sample(soon, min(due_soon, len(soon))) + rng.sample(late, overdue):
        case["events"] = kept


def let_progress_lapse(rng: random.Random, cases: list[dict], count: int) -> None:
    """Stop the weekly reports of a few open leader-owned cases more than a week before today."""

    def is_open_and_reported(case: dict) -> bool:
        types = {e["type"] for e in case["events"]}
        return "closed" not in types and "progress" in types

    owned = [
        c for c in cases if c["id"] != EXAMPLE_ID and "leader" in c and is_open_and_reported(c)
    ]
    for case in rng.sample(owned, count):
        cutoff = TODAY - rng.randint(9, 20) * DAY
        case["events"] = [
            e for e in case["events"] if e["type"] != "progress" or e["date"] <= cutoff
        ]


def add_id_numbers(rng: random.Random, cases: list[dict], count: int) -> None:
    visits = [c for c in cases if c["id"] != EXAMPLE_ID and c["channel"] == "visit"]
    for case in rng.sample(visits, count):
        birth = dt.date(1950, 1, 1) + rng.randint(0, 365 * 40) * DAY
        # region code 000000 does not exist: plainly fake, yet the right shape
        fake = f"000000{birth:%Y%m%d}{rng.randint(0, 999):03d}{rng.choice('0123456789X')}"
        case["petitioners"][0]["id_number"] = fake


def generate_cases(rng: random.Random) -> list[dict]:
    stretches = draw_received_dates(rng)
    profiles = iter(deal_profiles(rng, [d for dates in stretches for d in dates]))
    cases: list[dict] = []
    sequence: Counter[int] = Counter()
    for i, dates in enumerate(stretches):
        if i == 2:
            cases.append(YAML(typ="safe").load(EXAMPLE_TEXT))
            sequence[2026] += 1
        for received in dates:
            sequence[received.year] += 1
            case_id = f"XF-{received.year}-{sequence[received.year]:04d}"
            cases.append(build_case(rng, case_id, received, next(profiles), cases))
    assign_priorities(rng, cases)
    leave_clocks_running(rng, cases, overdue=24, due_soon=4)
    let_progress_lapse(rng, cases, 3)
    add_id_numbers(rng, cases, 4)
    plant_accountability(cases)
    return cases


def plant_accountability(cases: list[dict]) -> None:
    """What `xinfang findings` should find in the demo, beyond what the draw gives: a visit to
    Beijing large enough for 诫勉, and one matter brought by three larger collective visits
    within a year (责令作出检查). No random draws, so nothing else moves."""
    by_id = {c["id"]: c for c in cases}
    by_id[ADMONITION_CASE]["headcount"] = 32
    root = by_id[SELF_EXAMINATION_ROOT]
    for case_id, headcount in SELF_EXAMINATION_VISITS.items():
        case = by_id[case_id]
        case |= {"first": False, "repeat_of": root["id"], "headcount": headcount}
        case["title"] = "再次" + root["title"]
        case["petitioners"] = copy.deepcopy(root["petitioners"])
        if "summary" in root:
            case["summary"] = root["summary"]


def render_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    text = str(value)
    # quote whatever YAML could read as another type or as flow syntax
    special = re.search(r"[:#,\[\]{}&*!|>'\"%@`]|^[-?\s\d.+~]|\s$", text)
    if special or text.lower() in ("true", "false", "null", "yes", "no", "on", "off"):
        return json.dumps(text, ensure_ascii=False)
    return text


def render_case(case: dict) -> str:
    lines = [MODELINE]
    for field in (f for f in CASE_FIELDS if f in case):
        if field == "petitioners":
            lines.append("petitioners:")
            for person in case[field]:
                pairs = [f"{k}: {render_scalar(person[k])}" for k in PERSON_FIELDS if k in person]
                lines += ["  - " + pairs[0]] + ["    " + p for p in pairs[1:]]
        elif field == "events":
            lines.append("events:")
            for event in case[field]:
                pairs = [f"{k}: {render_scalar(v)}" for k, v in event.items()]
                lines.append("  - {" + ", ".join(pairs) + "}")
        else:
            lines.append(f"{field}: {render_scalar(case[field])}")
    return "\n".join(lines) + "\n"


def render_mapping(top: str, entries: dict[str, dict]) -> str:
    lines = [f"{top}:"]
    for key, fields in entries.items():
        lines.append(f"  {key}:")
        for name, value in fields.items():
            if isinstance(value, list) and value:
                lines.append(f"    {name}: [{', '.join(render_scalar(v) for v in value)}]")
            elif value is not None and not isinstance(value, list):
                lines.append(f"    {name}: {render_scalar(value)}")
    return ORG_HEADER + "\n".join(lines) + "\n"


def render_files(cases: list[dict]) -> dict[str, str]:
    units = {
        k: {"name": v[0], "short": v[1], "aliases": data.UNIT_ALIASES.get(k, []), "type": v[2]}
        for k, v in data.UNITS.items()
    }
    fields = ("name", "post", "rank", "unit", "towns", "lines")
    everyone = data.LEADERS | data.UNIT_LEADERS
    leaders = {k: dict(zip(fields, v, strict=False)) for k, v in everyone.items()}
    categories = {k: {"name": v[0]} for k, v in data.CATEGORIES.items()}
    files = {
        "org/units.yaml": render_mapping("units", units),
        "org/leaders.yaml": render_mapping("leaders", leaders),
        "policy/categories.yaml": render_mapping("categories", categories),
    }
    for case in cases:
        text = EXAMPLE_TEXT if case["id"] == EXAMPLE_ID else render_case(case)
        files[f"cases/{case['id'][3:7]}/{case['id']}.yaml"] = text
    return files


def verify(files: dict[str, str], cases: list[dict]) -> None:
    """Load every file back and hold it to the models and the references; stop before writing."""
    yaml = YAML(typ="safe")
    units = Units.model_validate(yaml.load(files["org/units.yaml"])).units
    leaders = Leaders.model_validate(yaml.load(files["org/leaders.yaml"])).leaders
    categories = Categories.model_validate(yaml.load(files["policy/categories.yaml"])).categories
    problems = [
        f"org/leaders.yaml: {key}: unknown unit or town"
        for key, leader in leaders.items()
        if leader.unit not in (None, *units)
        or any(t not in units or units[t].type != "town" for t in leader.towns)
    ]
    received = {c["id"]: c["received"] for c in cases}
    for source in cases:
        rel = f"cases/{source['id'][3:7]}/{source['id']}.yaml"
        loaded = yaml.load(files[rel])
        case = Case.model_validate(loaded)
        events, types = case.events, [e.type for e in case.events]
        after_recheck = types[types.index("rechecked") + 1 :] if "rechecked" in types else []
        references = [case.unit, *(e.to for e in case.events_of("transferred"))]
        rules = [
            (loaded == source, "does not load back as generated"),
            (
                rel == f"cases/{case.received.year}/{case.id}.yaml",
                "id, year and file name disagree",
            ),
            (
                types[0] == "received" and events[0].date == case.received,
                "first event is not received",
            ),
            (all(a.date <= b.date for a, b in pairwise(events)), "events out of date order"),
            (events[-1].date <= LAST_EVENT_DAY, "event after yesterday"),
            (set(after_recheck) <= {"closed"}, "event after rechecked"),
            ("closed" not in types or types[-1] == "closed", "event after closed"),
            (all(u in units for u in references), "unknown unit"),
            (case.category in categories, "unknown category"),
            (case.leader in (None, *leaders), "unknown leader"),
            (
                case.repeat_of is None or received.get(case.repeat_of, TODAY) < case.received,
                "bad repeat_of",
            ),
        ]
        problems += [f"{rel}: {message}" for ok, message in rules if not ok]
    if files[f"cases/2026/{EXAMPLE_ID}.yaml"] != EXAMPLE_TEXT or received[EXAMPLE_ID] != dt.date(
        2026, 6, 3
    ):
        problems.append(f"{EXAMPLE_ID}: not the worked example")
    if problems:
        raise SystemExit("generated data is invalid, nothing written:\n" + "\n".join(problems))


def is_due_soon(due: dt.date) -> bool:
    return TODAY <= due <= TODAY + 5 * DAY


def count_periods_in_breaks(cases: list[dict]) -> Counter[str]:
    """Acceptance and handling periods whose day N falls inside a statutory break, by holiday."""
    found: Counter[str] = Counter()
    for case in cases:
        dates = {e["type"]: e["date"] for e in case["events"]}
        periods = [(dates.get("transferred", case["received"]), 15)]
        if "accepted" in dates:
            extension = sum(e["days"] for e in case["events"] if e["type"] == "extended")
            periods.append((dates["accepted"], 60 + extension))
        found.update(name for start, days in periods if (name := name_break(start + days * DAY)))
    return found


def print_summary(cases: list[dict]) -> None:
    def count(key: str) -> str:
        return ", ".join(f"{k} {n}" for k, n in Counter(c.get(key) for c in cases).most_common())

    overdue: Counter[str] = Counter()
    soon: Counter[str] = Counter()
    for case in cases:
        for name, due in estimate_open_clocks(case):
            overdue[name] += due < TODAY
            soon[name] += is_due_soon(due)
    years = ", ".join(
        f"{y}: {n}" for y, n in sorted(Counter(c["received"].year for c in cases).items())
    )
    unclosed = sum(not any(e["type"] in ("closed", "rejected") for e in c["events"]) for c in cases)
    print(f"cases: {len(cases)} ({years}), not closed or rejected: {unclosed}")
    for key in ("channel", "kind", "visited_level", "supervision", "priority"):
        print(f"  {key}: {count(key)}")
    repeats = sum("repeat_of" in c for c in cases)
    crowds = sum(c["headcount"] >= 5 for c in cases)
    print(
        f"  first: {sum(c['first'] for c in cases)}, repeats: {repeats}, collective (5+): {crowds}"
    )
    print(f"  overdue as of {TODAY} (estimate): {dict(overdue)}")
    print(f"  due within 5 days: {dict(soon)}")
    print(f"  periods ending in a statutory break: {dict(count_periods_in_breaks(cases))}")


def write_files(root: Path, files: dict[str, str]) -> None:
    shutil.rmtree(root / "cases", ignore_errors=True)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    repo = Path(__file__).resolve().parent.parent
    parser.add_argument(
        "--root", type=Path, default=repo, help="registry root (default: this repository)"
    )
    args = parser.parse_args()
    cases = generate_cases(random.Random(SEED))
    files = render_files(cases)
    verify(files, cases)
    write_files(args.root, files)
    print_summary(cases)


if __name__ == "__main__":
    main()
