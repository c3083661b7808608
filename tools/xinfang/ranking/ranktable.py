"""A ranking as rows: the JSON/CSV contract of `xinfang rank` and its text tables (pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from xinfang.models import PERIOD_KIND_LABELS
from xinfang.ranking.mechanisms import Trigger
from xinfang.ranking.rates import COUNT_LABELS, Ranking, Rate, percent
from xinfang.registry.loader import Registry
from xinfang.report import render_table


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def rate_json(rate: Rate) -> dict:
    value = rate.value
    return {
        "name": rate.name,
        "value": _round(float(value)) if value is not None else None,
        "numerator": rate.numerator,
        "denominator": rate.denominator,
        "low": _round(rate.low),
        "high": _round(rate.high),
    }


def json_rows(registry: Registry, ranking: Ranking, found: Sequence[Trigger]) -> list[dict]:
    """One object per unit: the `xinfang rank --format json` contract."""
    by_unit = _by_unit(found)
    return [
        {
            "unit": row.unit,
            "name": registry.unit_name(row.unit),
            "rank": row.rank,
            "score": float(row.score) if row.score is not None else None,
            "assessed": row.assessed,
            "note": row.note,
            "period": ranking.period.code,
            "as_of": ranking.as_of.isoformat(),
            "complete": ranking.complete,
            "metrics": {key: rate_json(rate) for key, rate in row.rates.items()},
            "counts": row.counts.as_dict(),
            "mechanisms": [
                {"kind": t.kind, "name": t.name, "detail": t.detail, "cases": list(t.cases)}
                for t in by_unit[row.unit]
            ],
        }
        for row in ranking.rows
    ]


# The CSV headers of each rate's figures: the rate, its fraction and its 95% interval.
CSV_PARTS = {
    "value": "",
    "numerator": "（分子）",
    "denominator": "（分母）",
    "low": "（95%区间下限）",
    "high": "（95%区间上限）",
}


def csv_columns(ranking: Ranking) -> list[tuple[str, str]]:
    cols = [("unit", "单位"), ("name", "名称"), ("rank", "名次"), ("score", "得分")]
    cols.append(("assessed", "考核事项"))
    for key, metric in ranking.policy.rates.items():
        for part, label in CSV_PARTS.items():
            cols.append((f"{key}.{part}", f"{metric.name}{label}"))
    cols += [(key, name) for key, (name, _) in COUNT_LABELS.items()]
    cols += [("mechanisms", "触发机制"), ("note", "备注")]
    return cols


def csv_rows(registry: Registry, ranking: Ranking, found: Sequence[Trigger]) -> list[dict]:
    out = []
    for obj in json_rows(registry, ranking, found):
        flat = {k: obj[k] for k in ("unit", "name", "rank", "score", "assessed", "note")}
        for key, metric in obj["metrics"].items():
            for part in ("value", "numerator", "denominator", "low", "high"):
                flat[f"{key}.{part}"] = metric[part]
        flat.update(obj["counts"])
        flat["mechanisms"] = "；".join(f"{m['name']}：{m['detail']}" for m in obj["mechanisms"])
        out.append(flat)
    return out


# -- the text tables -----------------------------------------------------------------------


def heading(registry: Registry, ranking: Ranking) -> str:
    p = ranking.period
    state = "（统计期未结束）" if not ranking.complete else ""
    return (
        f"{p.label}信访工作排名（{PERIOD_KIND_LABELS[p.kind]}）{state}\n"
        f"统计期 {p.start} 至 {p.end}，数据截至 {ranking.as_of}"
    )


def rate_cell(rate: Rate) -> str:
    if not rate.denominator:
        return "—"
    return f"{percent(rate.value)} {rate.numerator}/{rate.denominator}"


def interval_cell(rate: Rate) -> str:
    if not rate.denominator:
        return ""
    return f"[{percent(rate.low)}, {percent(rate.high)}]".replace("%", "")


def ranking_table(registry: Registry, ranking: Ranking, found: Sequence[Trigger]) -> str:
    """Two lines per unit: the figures, then each rate's 95% interval under it."""
    by_unit = _by_unit(found)
    rates = ranking.policy.rates
    columns = [("rank", "名次"), ("unit", "单位"), ("score", "得分"), ("assessed", "考核事项")]
    columns += [(key, metric.name) for key, metric in rates.items()]
    columns.append(("mechanisms", "触发机制"))
    rows: list[dict] = []
    for row in [*ranking.rows, ranking.total]:
        total = row is ranking.total
        names = dict.fromkeys(t.name for t in by_unit[row.unit])
        rows.append(
            {
                "rank": "" if total else (row.rank if row.rank is not None else "不排名"),
                "unit": "全县" if total else registry.unit_name(row.unit),
                "score": str(row.score) if row.score is not None else "—",
                "assessed": row.assessed,
                **{key: rate_cell(row.rates[key]) for key in rates},
                "mechanisms": "、".join(names) if not total else "",
            }
        )
        rows.append(
            {key: interval_cell(row.rates[key]) if key in rates else "" for key, _ in columns}
        )
    return render_table(columns, rows, "table")


def counts_table(registry: Registry, ranking: Ranking) -> str:
    columns = [("unit", "单位"), *((key, name) for key, (name, _) in COUNT_LABELS.items())]
    rows = [
        {"unit": registry.unit_name(r.unit), **r.counts.as_dict()}
        for r in sorted(ranking.rows, key=lambda r: r.unit)
    ]
    rows.append({"unit": "全县", **ranking.total.counts.as_dict()})
    return render_table(columns, rows, "table")


def definitions(ranking: Ranking) -> list[str]:
    """The definition of every figure, to print beside the tables."""
    policy = ranking.policy
    settings = policy.settings
    lines = []
    for key, metric in policy.rates.items():
        extra = ""
        if metric.formula == "satisfaction":
            extra = (
                "；“基本满意”计为满意"
                if settings.basically_satisfied_counts
                else "；“基本满意”不计为满意"
            )
        weight = policy.weights.get(key)
        share = f"；得分权重 {weight:g}" if weight else "；不计入得分"
        lines.append(f"{metric.name}：{metric.definition}{extra}{share}。")
    total = sum(policy.weights.values())
    lines.append(
        f"得分：100 ×Σ（权重 × 比率）÷ Σ 权重（权重合计 {total:g}），"
        "只计本单位当期有分母的指标；"
        f"保留 {settings.score_decimals} 位小数，得分相同名次相同。"
    )
    lines.append(
        f"考核事项：计入上述计分指标分母的不同事项数；少于 {settings.min_matters} 件的单位"
        "列出但不排名。"
    )
    lines.append(f"方括号内为 Wilson 置信区间（z = {settings.z:g}，约 95%），事项越少区间越宽。")
    for key, (name, text) in COUNT_LABELS.items():
        if key == "collective":
            text += f"（{settings.collective_headcount} 人及以上的来访）"
        lines.append(f"{name}：{text}。")
    return lines


def unranked_notes(registry: Registry, ranking: Ranking) -> list[str]:
    return [f"{registry.unit_name(r.unit)}：{r.note}" for r in ranking.rows if r.note]


def _by_unit(found: Sequence[Trigger]) -> dict[str, list[Trigger]]:
    out: dict[str, list[Trigger]] = defaultdict(list)
    for trigger in found:
        out[trigger.unit].append(trigger)
    return out
