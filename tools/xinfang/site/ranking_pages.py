"""通报排名: the rankings of towns and departments per notice period, and their history. Pure.

The figures, ranks and triggered mechanisms come from `xinfang.ranking.rates` and
`xinfang.ranking.mechanisms` (the same as `xinfang rank`); this module only lays them out, escaping
everything. `notice.render_notice` is not reused: its Markdown is a draft for editing and
carries case titles unescaped.

Periods shown: the last twelve months (the current one marked as not yet over), the last
four half-years and the last two years, each as it stands on the as-of date, skipping
periods that end before the first case. Each ranking is computed once and reused for the
"two notices in a row" rule of the period after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from xinfang.clocks.settled import SettledClocks
from xinfang.models import PERIOD_KIND_LABELS
from xinfang.ranking.mechanisms import Trigger, bottom_units, triggers
from xinfang.ranking.notice import MISSED_LABELS
from xinfang.ranking.periods import Period
from xinfang.ranking.ranktable import interval_cell
from xinfang.ranking.rates import COUNT_LABELS, Ranking, Rate, compute_ranking, percent
from xinfang.site.data import SiteData, link, md_link, unit_page
from xinfang.site.page import UNSEARCHED, WIDE, front_matter, subtitle
from xinfang.site.tables import cell, table
from xinfang.site.text import escape

__all__ = [
    "RANKING_INDEX",
    "THREE_RATES",
    "Rankings",
    "compute_rankings",
    "rate_text",
    "render_ranking_pages",
    "unit_history",
]

RANKING_INDEX = "generated/ranking/index.md"
#: The national “三率”, by their keys in policy/ranking.yaml.
THREE_RATES = ("acceptance", "handling", "satisfaction")


def period_page(period: Period) -> str:
    return f"generated/ranking/{period.code}.md"


@dataclass
class Rankings:
    periods: list[Period]  # shown, newest first within each kind: months, halves, years
    rankings: dict[Period, Ranking]
    triggers: dict[Period, list[Trigger]]
    computed: dict[Period, Ranking]  # every ranking computed, the shown ones and others

    def current(self, kind: str) -> Ranking:
        """The ranking of the month (or half, year) the as-of date falls in."""
        return self.rankings[next(p for p in self.periods if p.kind == kind)]

    def three_rates(self, ranking: Ranking, unit: str | None = None) -> list[Rate]:
        """The 三率 the policy defines, of the county (or of one unit) in `ranking`."""
        row = ranking.total if unit is None else ranking.row(unit)
        if row is None:
            return []
        return [row.rates[k] for k in THREE_RATES if k in row.rates]


def rate_text(rate: Rate) -> str:
    """97.5% — or — when nothing fell in the period."""
    return percent(rate.value) if rate.denominator else "—"


def _shown_periods(data: SiteData) -> list[Period]:
    """The current month, half and year are always there; earlier ones from the first case."""
    as_of = data.as_of
    first = min((r.case.received for r in data.rows), default=as_of)
    month = Period(as_of.year, "month", as_of.month)
    half = Period(as_of.year, "half", 1 if as_of.month <= 6 else 2)
    year = Period(as_of.year, "year", 1)
    out = []
    for start, count in ((month, 12), (half, 4), (year, 2)):
        p = start
        for _ in range(count):
            if p.end >= first or p == start:
                out.append(p)
            p = p.previous()
    return out


def _earlier(data: SiteData, p: Period) -> list[Period]:
    """The regular notices before `p` that the "in a row" rule looks at, newest first."""
    rule = data.registry.ranking.mechanisms.bottom
    out: list[Period] = []
    if p.kind in rule.series:
        q = p
        for _ in range(rule.times - 1):
            q = q.previous()
            out.append(q)
    return out


def needed_periods(data: SiteData) -> list[Period]:
    """Every period whose ranking the section needs: those shown and the ones before them."""
    shown = _shown_periods(data)
    return list(dict.fromkeys(shown + [q for p in shown for q in _earlier(data, p)]))


def rank_period(data: SiteData, p: Period, settled: SettledClocks | None = None) -> Ranking:
    """One period's ranking as it stands on the as-of date (as of its end, once over);
    `settled` keeps finished cases' clocks from one period to the next."""
    return compute_ranking(data.registry, p, as_of=min(data.as_of, p.end), settled=settled)


def compute_rankings(data: SiteData, computed: dict[Period, Ranking] | None = None) -> Rankings:
    """The section's rankings and triggers; `computed` may hold rankings already computed
    (`build` computes them in two processes for large registries)."""
    cache = dict(computed or {})
    settled = SettledClocks(data.registry.deadlines, data.registry.calendar)

    def ranking(p: Period) -> Ranking:
        if p not in cache:
            cache[p] = rank_period(data, p, settled)
        return cache[p]

    periods = _shown_periods(data)
    found = {
        p: triggers(data.registry, ranking(p), [ranking(q) for q in _earlier(data, p)], settled)
        for p in periods
    }
    return Rankings(periods, {p: ranking(p) for p in periods}, found, cache)


# Rates below this are shown in red. Compared as fractions: 4/5 is 80.0%, not below it
# (the float 0.8 is a hair above 4/5, which made 80.0% red).
RED_LINE = Fraction(80, 100)


def is_red(value: Fraction | None) -> bool:
    return value is not None and value < RED_LINE


def _rate(rate: Rate) -> object:
    if not rate.denominator:
        return cell('<span class="xf-muted">—</span>', -1)
    text = (
        f"{percent(rate.value)}<br><small>{rate.numerator}/{rate.denominator}"
        f' <span class="xf-ci" title="95% 置信区间">{interval_cell(rate)}</span></small>'
    )
    if is_red(rate.value):
        text = f'<span class="xf-warn-text">{text}</span>'
    return cell(text, f"{float(rate.value):.6f}")


def _state(r: Ranking) -> str:
    return "" if r.complete else "（统计期未结束，数字会变化）"


def _computed_as_of(r: Ranking) -> str:
    """The period's own date, named so that it is not taken for the data's date, which
    the foot of every page gives."""
    if r.complete:
        return f"期限按统计期末 {r.as_of} 计算"
    return f"统计期未结束：按 {r.as_of} 的情况计算，数字会变化"


def _unfinished(r: Ranking) -> str:
    return "" if r.complete else '<br><small class="xf-muted">未结束</small>'


def render_ranking_pages(data: SiteData, rk: Rankings) -> dict[str, str]:
    """Source path → page text of the 通报排名 section."""
    pages = {RANKING_INDEX: _index(data, rk)}
    for p in rk.periods:
        pages[period_page(p)] = _period(data, rk.rankings[p], rk.triggers[p])
    return pages


def _index(data: SiteData, rk: Rankings) -> str:
    src = RANKING_INDEX
    out = [front_matter("通报排名", hide=WIDE), "# 通报排名\n\n", subtitle(data)]
    out.append(
        "各乡镇和县直部门按本县规定的口径计算三率和得分并排名（口径印在每期排名下方）；"
        "连续两次定期通报排名后三位的，按规定提醒或约谈"
        f"（见[通报、提醒与约谈]({md_link(src, 'policy/notices.md')})）。"
        "点击期间查看完整的排名、口径和未达标数字背后的事项。\n\n"
    )
    for kind in ("month", "half", "year"):
        periods = [p for p in rk.periods if p.kind == kind]
        if not periods:
            continue
        rows = []
        for p in periods:
            r = rk.rankings[p]
            n = r.policy.mechanisms.bottom.bottom
            ranked = r.ranked
            top = "、".join(
                escape(data.unit_name(u.unit, short=True)) for u in ranked if u.rank == 1
            )
            bottom = sorted(
                (u for u in ranked if u.unit in bottom_units(r, n)), key=lambda u: (u.rank, u.unit)
            )
            names = "、".join(escape(data.unit_name(u.unit, short=True)) for u in bottom)
            mech = len(rk.triggers[p])
            label = escape(p.label) + ("<br><small>未结束</small>" if not r.complete else "")
            rows.append(
                (
                    cell(f'<a href="{link(src, period_page(p))}">{label}</a>', p.code),
                    cell(top or "—"),
                    cell(names or "—"),
                    cell(str(len(ranked)), len(ranked)),
                    cell(str(mech) + _unfinished(r), mech),
                )
            )
        head = ("期间", "第一名", f"后{n}位", "参与排名单位", "触发机制")
        out.append(
            f"## {PERIOD_KIND_LABELS[kind]}通报 {UNSEARCHED}\n\n" + table(head, rows) + "\n\n"
        )
    out.append(_history_matrix(data, rk, src))
    return "".join(out)


def _history_matrix(data: SiteData, rk: Rankings, src: str) -> str:
    months = [p for p in rk.periods if p.kind == "month"][::-1]
    if not months:
        return ""
    head = (
        "单位",
        *(f"{p.index}月" + ("（未结束）" if not rk.rankings[p].complete else "") for p in months),
    )
    rows = []
    for key in data.registry.units:
        cells = [cell(f'<a href="{link(src, unit_page(key))}">{escape(data.unit_name(key))}</a>')]
        for p in months:
            row = rk.rankings[p].row(key)
            if row is None or row.rank is None:
                cells.append(cell('<span class="xf-muted">—</span>', 999))
            else:
                cells.append(cell(_rank_badge(rk.rankings[p], key, row.rank), row.rank))
        rows.append(cells)
    return (
        f"## 近 {len(months)} 个月名次 {UNSEARCHED}\n\n"
        "后三位以红色标出；“—”表示当月考核事项不足、不排名。\n\n" + table(head, rows) + "\n"
    )


def _rank_badge(r: Ranking, unit: str, rank: int) -> str:
    """The rank, in a red badge for the bottom units named by the notice rule (ties included)."""
    worst = unit in bottom_units(r, r.policy.mechanisms.bottom.bottom)
    return f'<span class="xf-badge xf-overdue">{rank}</span>' if worst else str(rank)


def _period(data: SiteData, r: Ranking, found: list[Trigger]) -> str:
    p = r.period
    src = period_page(p)
    title = f"{p.label}信访工作排名"
    out = [front_matter(escape(title), hide=WIDE), f"# {escape(title)}\n\n"]
    out.append(
        f'<p class="xf-subtitle">{escape(PERIOD_KIND_LABELS[p.kind])}通报 · 统计期 {p.start} 至 '
        f"{p.end} · {_computed_as_of(r)}</p>\n\n"
    )
    out.append(
        f'<p class="xf-crumbs"><a href="{link(src, RANKING_INDEX)}">← 全部通报期间</a></p>\n\n'
    )
    rates = r.policy.rates
    total = [
        (cell(escape(m.name)), _rate(r.total.rates[k]), cell(escape(m.definition)))
        for k, m in rates.items()
    ]
    out.append(
        f"## 全县情况 {UNSEARCHED}\n\n"
        + table(("指标", "全县", "口径"), total, sortable=False)
        + "\n\n"
    )
    by_unit: dict[str, list[Trigger]] = {}
    for t in found:
        by_unit.setdefault(t.unit, []).append(t)
    rows = []
    for row in r.rows:
        names = "、".join(dict.fromkeys(t.name for t in by_unit.get(row.unit, [])))
        rank = (
            _rank_badge(r, row.unit, row.rank)
            if row.rank is not None
            else '<span class="xf-muted">不排名</span>'
        )
        rows.append(
            (
                cell(rank, row.rank if row.rank is not None else 999),
                cell(
                    f'<a href="{link(src, unit_page(row.unit))}">'
                    f"{escape(data.unit_name(row.unit, short=True))}</a>"
                ),
                cell(
                    str(row.score) if row.score is not None else "—",
                    row.score if row.score is not None else -1,
                ),
                cell(str(row.assessed), row.assessed),
                *(_rate(row.rates[k]) for k in rates),
                cell(escape(names) or "—"),
            )
        )
    head = ("名次", "单位", "得分", "考核事项", *(m.name for m in rates.values()), "触发机制")
    out.append(f"## 排名 {UNSEARCHED}\n\n" + table(head, rows) + "\n\n")
    notes = [f"{data.unit_name(x.unit)}：{x.note}" for x in r.rows if x.note]
    if notes:
        out.append(f'<p class="xf-muted">未排名：{escape("；".join(notes))}。</p>\n\n')
    weights = "，".join(f"{rates[k].name} {w:g}" for k, w in r.policy.weights.items())
    out.append(
        f"<p data-search-exclude>得分为各项比率按权重（{escape(weights)}）的加权平均 × 100，"
        f"只计本单位当期有分母的指标；比率低于 {percent(RED_LINE, 0)} 的以红色标出"
        "（等于时不标）。比率下的分数是分子/分母，方括号内是 95% 置信区间"
        "（Wilson 法，与命令行和通报草稿相同）：事项少时区间很宽，名次差别未必说明问题。</p>\n\n"
    )
    out.append(_mechanisms(data, found, r))
    out.append(_counts(data, r))
    out.append(_missed(data, r, src))
    return "".join(out)


def _mechanisms(data: SiteData, found: list[Trigger], r: Ranking) -> str:
    out = [f"## 触发的工作机制 {UNSEARCHED}\n\n"]
    pending = "" if r.complete else "（统计期未结束，到期末可能变化）"
    if not found:
        return out[0] + "本期未触发通报批评、提醒约谈或挂牌督办。\n\n"
    groups: dict[str, list[Trigger]] = {}
    for t in found:
        groups.setdefault(t.name, []).append(t)
    for name, items in groups.items():
        kind = "danger" if items[0].kind in ("criticism", "bottom") else "warning"
        out.append(f'!!! {kind} "{escape(name)}（{len(items)}）"\n')
        for t in items:
            out.append(f"    - {escape(data.unit_name(t.unit))}：{escape(t.detail)}{pending}\n")
        basis = items[0].basis
        if basis is not None:
            out.append(f"\n    依据：{escape(basis.article)}。{escape(basis.summary)}\n")
        out.append("\n")
    return "".join(out)


def _counts(data: SiteData, r: Ranking) -> str:
    head = ("单位", *(name for name, _ in COUNT_LABELS.values()))
    rows = [
        (
            cell(escape(data.unit_name(x.unit))),
            *(cell(str(v), v) for v in x.counts.as_dict().values()),
        )
        for x in sorted(r.rows, key=lambda x: x.unit)
    ]
    rows.append(
        (
            cell("<strong>全县</strong>", "~"),
            *(cell(str(v), v) for v in r.total.counts.as_dict().values()),
        )
    )
    defs = "；".join(f"{name}：{d}" for name, d in COUNT_LABELS.values())
    return (
        f"## 件次与人次 {UNSEARCHED}\n\n"
        + table(head, rows)
        + f'\n\n<p class="xf-muted" data-search-exclude>{escape(defs)}。</p>\n\n'
    )


def _missed(data: SiteData, r: Ranking, src: str) -> str:
    out = [f"## 未达标数字背后的事项 {UNSEARCHED}\n\n"]
    rows = []
    for row in sorted(r.rows, key=lambda x: x.unit):
        for key, metric in r.policy.rates.items():
            rate = row.rates[key]
            for case_id in rate.missed:
                case = data.by_id.get(case_id)
                if case is None:
                    continue
                why = (
                    "至期末逾期未完成"
                    if case_id in rate.still_open
                    else MISSED_LABELS.get(metric.formula, "未达标")
                )
                href = link(src, case.page, case.fragment)
                title = "（保密事项）" if case.case.is_confidential else case.case.title
                rows.append(
                    (
                        cell(escape(data.unit_name(row.unit, short=True))),
                        cell(escape(metric.name)),
                        cell(f'<a href="{href}">{case_id}</a> {escape(title)}', case_id),
                        cell(escape(why)),
                    )
                )
    if not rows:
        return out[0] + "各项比率均为 100%。\n"
    return out[0] + table(("单位", "指标", "事项", "情况"), rows) + "\n"


def unit_history(data: SiteData, rk: Rankings, key: str, from_src: str) -> str:
    """The 排名记录 of one unit: its rank and score in every shown period."""
    rows = []
    for p in rk.periods:
        r = rk.rankings[p]
        row = r.row(key)
        if row is None:
            continue
        rank = (
            f"{row.rank} / {len(r.ranked)}"
            if row.rank is not None
            else escape(row.note or "不排名")
        )
        names = "、".join(dict.fromkeys(t.name for t in rk.triggers[p] if t.unit == key))
        label = f'<a href="{link(from_src, period_page(p))}">{escape(p.label)}</a>'
        rows.append(
            (
                cell(label + _unfinished(r), p.code),
                cell(rank, row.rank if row.rank is not None else 999),
                cell(str(row.score) if row.score is not None else "—"),
                *(_rate(row.rates[k]) for k in r.policy.rates),
                cell(escape(names) or "—"),
            )
        )
    if not rows:
        return '<p class="xf-muted">尚无通报排名。</p>\n\n'
    policy = data.registry.ranking
    head = ("期间", "名次", "得分", *(m.name for m in policy.rates.values()), "触发机制")
    return table(head, rows) + "\n\n"
