"""The rule tables of the hand-written policy pages (领导包案, 红黄蓝分类, 责任追究, 通报), generated
from policy/ownership.yaml, accountability.yaml and ranking.yaml so that the pages say
exactly what the code computes. Each table is an include file under generated/_include/. Pure.
"""

from __future__ import annotations

from xinfang.models import Channel, Level, Priority, Rank, Supervision
from xinfang.models.accountability import AccountabilityPolicy
from xinfang.models.leadership import CaseMatch, OwnershipPolicy
from xinfang.models.policy import Basis
from xinfang.models.ranking import PERIOD_KIND_LABELS, RankingPolicy
from xinfang.site.tables import cell, table
from xinfang.site.text import escape

__all__ = [
    "render_accountability_table",
    "render_ownership_table",
    "render_ranking_tables",
    "triggers",
]


def _basis(basis: Basis) -> str:
    return f"{escape(basis.article)}<br><small>{escape(basis.summary)}</small>"


def _ranks(ranks: list[Rank]) -> str:
    return escape("、".join(Rank(r).label for r in ranks))


def _levels(values: list, enum: type) -> str:
    return "或".join(enum(v).label for v in values)


_VISITED = {"county": "到县", "city": "到市", "province": "到省", "national": "进京"}
_LEADERS = {"county": "县", "city": "市", "province": "省", "national": "中央"}


def _match(when: CaseMatch) -> str:
    parts = []
    if when.supervision:
        parts.append(f"{_levels(when.supervision, Supervision)}挂牌督办")
    if when.visited_level:
        parts.append("或".join(_VISITED[v] for v in when.visited_level) + "上访")
    if when.instructed_by:
        parts.append("或".join(_LEADERS[v] for v in when.instructed_by) + "领导接访、批示或阅批")
    if when.priority:
        parts.append(f"{_levels(when.priority, Priority)}风险")
    if when.min_headcount is not None:
        parts.append(f"{when.min_headcount} 人以上")
    return "，".join(parts)


def render_ownership_table(policy: OwnershipPolicy) -> str:
    """The tiers from the highest down: which cases, which colours, who owns, second owner."""
    colours: dict[str, list[str]] = {}
    for colour, key in policy.colours.tiers.items():
        colours.setdefault(key, []).append(Priority(colour).label)
    rows = []
    for key, tier in policy.tiers.items():
        cases = [escape(_match(w)) for w in tier.when]
        if key in colours:
            cases.append(f"{escape('、'.join(colours[key]))}风险的重点案件<sup>*</sup>")
        second = (
            f"{escape(tier.second.name)}<br><small>{_ranks(tier.second.ranks)}</small>"
            if tier.second
            else "不要求"
        )
        rows.append(
            (
                cell(f"<strong>{escape(tier.name)}</strong><br><small>{escape(key)}</small>"),
                cell("<br>".join(cases) or "—"),
                cell(_ranks(tier.ranks)),
                cell(second),
                cell(_basis(tier.basis)),
            )
        )
    head = ("包案层级", "适用案件（符合任意一行）", "包案领导可为", "乡镇或部门同时包案", "依据")
    note = (
        '<p class="xf-muted">层级从上到下排列，一件案件符合几个层级时按排在最前的层级要求。'
        "属于任何一个层级的都是重点案件，必须落实包案领导（案件的 leader），"
        "要求同时包案的还须填写单位包案领导（unit_leader）。"
        f"<sup>*</sup> 颜色与层级的对应是{escape(policy.colours.basis.article)}："
        f"{escape(policy.colours.basis.summary)}"
        "本表由 policy/ownership.yaml 生成。</p>"
    )
    return table(head, rows, sortable=False) + "\n\n" + note + "\n"


def triggers(policy: AccountabilityPolicy, ranking: RankingPolicy) -> dict[str, str]:
    """What sets off each rule, with the thresholds as the code reads them."""
    th = policy.thresholds
    above = _levels(th.above_level, Level)
    listed = _levels(th.criticism_supervision, Supervision)
    collective = ranking.settings.collective_headcount
    mech = ranking.mechanisms
    return {
        "ownership.missing": "在办的重点案件（属于领导包案表中任何一个层级）没有填写包案领导",
        "ownership.rank": "包案领导的职级不在案件所属层级允许的职级之中",
        "ownership.second": "层级要求乡镇或部门同时包案，但没有填写单位包案领导，或其职级不符",
        "ownership.progress": "有包案领导的在办案件，每周进展报告逾期（期限见办理期限表）",
        "escalation.interview": (
            f"到{above}上访（越级访），或到非信访接待场所上访，且该案尚未记录约谈；"
            "或责任追究限期整改已过仍未整改到位，且此后未约谈该单位"
        ),
        "escalation.self_examination": (
            f"同一问题（以 repeat_of 连成一串）{th.self_examination_days} 天内发生 "
            f"{th.self_examination_visits} 次以上 {th.large_headcount} 人以上的来访，"
            "且此后未记录责令作出检查"
        ),
        "escalation.admonition": (
            f"到省上访 {th.admonition_province_headcount} 人以上，或进京上访 "
            f"{th.admonition_national_headcount} 人以上，且该案尚未记录诫勉"
        ),
        "escalation.listing": f"一件未结案的案件，最近连续 {mech.listing.reminders} 次记录的措施都是提醒",
        "escalation.criticism": (
            f"未结案、没有包案领导的案件属于：{collective} 人以上的集体访、重复信访，"
            f"或{listed}交办督办，且该案尚未记录通报批评"
        ),
        "escalation.special_notices": (
            f"最近连续 {th.special_notices} 次专项通报都点了同一单位的名，且此后未提醒或约谈"
        ),
        "listing.deadline": (
            "挂牌督办过了限期仍未摘牌销号；步骤有跳过；摘牌时案件尚未结案销号；"
            "案件已结案销号仍在挂牌"
        ),
        "interview.report": (
            f"约谈后 {mech.interview.report_working_days} 个工作日内没有报送整改报告"
        ),
    }


def render_accountability_table(policy: AccountabilityPolicy, ranking: RankingPolicy) -> str:
    found = triggers(policy, ranking)
    rows = [
        (
            cell(f"<code>{escape(key)}</code>"),
            cell(f"<strong>{escape(rule.name)}</strong>"),
            cell(escape(found[key])),
            cell(escape(rule.action)),
            cell(_basis(rule.basis)),
        )
        for key, rule in policy.rules.items()
    ]
    head = ("规则", "名称", "什么情况下列出", "措施", "依据")
    note = (
        '<p class="xf-muted">这些规则由登记库中已有的记录推导，'
        "结果见 <code>xinfang findings</code> 和本站“问责与督办”页面；"
        "系统只列出应采取的措施，措施是否采取以 org/actions/ 中的记录为准。"
        "本表由 policy/accountability.yaml（门槛）和 policy/ranking.yaml（集体访人数、"
        "连续提醒次数、整改报告期限）生成。</p>"
    )
    return table(head, rows, sortable=False) + "\n\n" + note + "\n"


def render_ranking_tables(policy: RankingPolicy) -> str:
    """The metrics with their weights, and the mechanisms the rankings trigger."""
    rows = []
    for key, rate in policy.rates.items():
        scope = "、".join(Channel(c).label for c in rate.channels) if rate.channels else "全部"
        weight = policy.weights.get(key)
        rows.append(
            (
                cell(f"<strong>{escape(rate.name)}</strong>"),
                cell(escape(rate.definition)),
                cell(escape(scope)),
                cell("不计入得分" if weight is None else f"{weight:g}", weight or 0),
            )
        )
    metrics = table(("指标", "口径", "信访形式", "得分权重"), rows, sortable=False)
    s, mech = policy.settings, policy.mechanisms
    series = "、".join(PERIOD_KIND_LABELS[k] for k in mech.bottom.series)
    lines = [
        (
            mech.bottom.name,
            f"在{series}定期通报中连续 {mech.bottom.times} 次排名后 {mech.bottom.bottom} 位",
            mech.bottom.basis,
        )
    ]
    for t in mech.criticism.thresholds:
        when = "、".join(PERIOD_KIND_LABELS[k] for k in t.periods)
        lines.append(
            (
                mech.criticism.name,
                f"{when}通报中{policy.rates[t.metric].name}低于 {t.below:g}%",
                mech.criticism.basis,
            )
        )
    lines.append(
        (mech.listing.name, f"同一案件连续 {mech.listing.reminders} 次被提醒", mech.listing.basis)
    )
    lines.append(
        (
            mech.interview.name,
            f"被约谈后 {mech.interview.report_working_days} 个工作日内书面报告整改情况",
            mech.interview.basis,
        )
    )
    rules = table(
        ("措施", "触发条件", "依据"),
        [(cell(escape(a)), cell(escape(b)), cell(_basis(c))) for a, b, c in lines],
        sortable=False,
    )
    satisfied = "满意和基本满意" if s.basically_satisfied_counts else "只有满意"
    note = (
        '<p class="xf-muted">得分 = 100 × Σ（权重 × 比率）÷ Σ 权重，只计单位在统计期内有分母的指标，'
        f"保留 {s.score_decimals} 位小数，得分相同的名次相同；满意率中{satisfied}计为满意；"
        f"来访 {s.collective_headcount} 人以上计为集体访；"
        f"参与考核的事项少于 {s.min_matters} 件的单位列出但不排名。"
        "本表由 policy/ranking.yaml 生成。</p>"
    )
    return f"{metrics}\n\n{rules}\n\n{note}\n"
