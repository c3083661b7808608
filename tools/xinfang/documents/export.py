"""`xinfang export`: the registry as the office's case ledger, .xlsx or .csv bytes. Pure."""

from __future__ import annotations

import datetime as dt

from xinfang.clocks.deadlines import compute_clocks
from xinfang.documents import sheets
from xinfang.documents.ledger import COLUMNS, LedgerFilter, ledger_rows
from xinfang.registry.loader import Registry
from xinfang.rules.stages import ACTIVE, case_stage
from xinfang.site.data import CaseRow, SiteData
from xinfang.site.public import PublicCases

__all__ = ["EXPORT_FORMATS", "export_ledger", "ledger_data"]

EXPORT_FORMATS = (".xlsx", ".csv")


def export_ledger(
    registry: Registry,
    fmt: str,
    *,
    as_of: dt.date,
    commit: str,
    keep: LedgerFilter = LedgerFilter(),  # noqa: B008
    with_names: bool = False,
) -> tuple[bytes, int]:
    """The ledger file's bytes and how many cases it lists."""
    data = ledger_data(registry, as_of=as_of, commit=commit)
    rows = ledger_rows(data, keep=keep, with_names=with_names)
    if fmt == ".csv":
        return sheets.ledger_csv(COLUMNS, rows), len(rows)
    scope = []
    if keep.year is not None:
        scope.append(f"{keep.year} 年登记")
    if keep.unit is not None:
        scope.append(f"责任单位 {registry.unit_name(keep.unit)}")
    if keep.open_only:
        scope.append("仅在办事项")
    facts = [
        ("数据截至", as_of.isoformat()),
        ("登记库提交", commit),
        ("范围", "，".join(scope) or "全部事项"),
        ("事项数", str(len(rows))),
        (
            "信访人姓名",
            "未打码，仅供信访局内部使用，不得外传" if with_names else "已打码（保留姓氏）",
        ),
        ("检举控告类", "依《信访工作条例》第三十条，只列编号、单位、日期、状态和期限"),
        ("标红的行", "当前期限已逾期"),
        ("导入", "本表可用 xinfang import 原样导回；导回时只补充登记库中没有的日期"),
    ]
    sheet = f"台账 {as_of.isoformat()}"
    return sheets.ledger_xlsx(COLUMNS, rows, sheet=sheet, facts=facts), len(rows)


def ledger_data(registry: Registry, *, as_of: dt.date, commit: str) -> SiteData:
    """What `site.data.collect` gives, for the ledger's columns only: each case's clocks and
    stage, and the case with its title masked as on the site. The ledger shows no other
    free text, so the rest of the site's public copy (summary, event notes: most of the
    time of an export of 100,000 cases) is not made; a confidential case keeps its file's
    facts, of which the ledger shows only its allow-list (ledger.CONFIDENTIAL_COLUMNS)."""
    public = PublicCases(registry)
    policy = registry.deadlines
    rows = []
    for case in registry.cases:
        if case.received > as_of:
            continue
        clocks = tuple(compute_clocks(case, policy, registry.calendar, as_of=as_of))
        stage = case_stage(case, as_of=as_of)
        if not case.is_confidential:
            case = case.model_copy(update={"title": public.text(case.title)})
        month = f"{case.received.year:04d}-{case.received.month:02d}"
        rows.append(CaseRow(case, clocks, stage, stage in ACTIVE, False, month))
    return SiteData(registry, as_of, commit, rows, policy.due_soon_days)
