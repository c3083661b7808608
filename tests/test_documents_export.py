"""`xinfang export`: the ledger opened with independent readers (openpyxl, calamine, csv)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from documents_factory import AS_OF, document_registry, run


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return document_registry(tmp_path / "reg")


def _sheet(path: Path) -> tuple[list[str], dict[str, dict[str, object]]]:
    ws = load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    return header, {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}


def test_xlsx_ledger_has_real_dates_masking_and_the_confidential_allow_list(
    reg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "台账.xlsx"
    result = run(reg, "export", str(out), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "已导出 3 件事项" in result.output
    header, rows = _sheet(out)
    assert header[:4] == ["编号", "标题", "登记日期", "信访形式"]
    assert header[-3:] == ["当前期限", "到期日", "逾期天数"]
    example = rows["XF-2026-0137"]
    # openpyxl reads date cells as datetimes: they are dates, not text
    assert example["登记日期"] == dt.datetime(2026, 6, 3)
    assert example["受理日期"] == dt.datetime(2026, 6, 5)
    assert example["出具意见日期"] == dt.datetime(2026, 8, 20)
    assert example["评价"] == "满意"
    assert example["信访人"] == "徐**"
    assert example["包案领导"] == "李伟"
    assert example["责任单位"] == "县住房和城乡建设局"
    wages = rows["XF-2026-0300"]
    assert wages["标题"] == "反映工资拖欠，联系电话〔电话号码已隐去〕"
    assert wages["当前期限"] == "办理期限"
    assert wages["到期日"] == dt.datetime(2026, 12, 8)
    assert wages["逾期天数"] == 12
    secret = rows["XF-2026-0302"]
    assert secret["标题"] == "（检举控告事项，内容保密）"
    assert secret["事项类别"] == "检举控告类"
    assert secret["责任单位"] == "青石镇"
    for hidden in ("信访人", "问题分类", "信访形式", "人数", "初信初访", "包案领导"):
        assert secret[hidden] is None, hidden
    assert secret["受理日期"] == dt.datetime(2026, 11, 5)


def test_xlsx_layout_frozen_filtered_highlighted_with_an_about_sheet(
    reg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "l.xlsx"
    assert run(reg, "export", str(out), "--as-of", AS_OF).exit_code == 0
    wb = load_workbook(out)
    ws, about = wb.worksheets
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:W4"
    assert ws["C2"].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["B"].width >= 30  # titles are wide
    fills = {ws.cell(r, 1).value: ws.cell(r, 1).fill.fgColor.rgb for r in range(2, 5)}
    assert fills["XF-2026-0300"].endswith("F8D7DA")  # overdue
    assert not fills["XF-2026-0302"].endswith("F8D7DA")  # handling due 2027-01-04
    facts = {r[0]: r[1] for r in about.iter_rows(values_only=True) if r[0]}
    assert facts["数据截至"] == AS_OF
    assert facts["登记库提交"] == "未提交"
    assert facts["逾期天数"].startswith("当前期限已逾期")
    # an independent reader agrees
    calamine = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert calamine[1][2] == dt.date(2026, 6, 3)


def test_csv_has_a_bom_and_filters_apply(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "l.csv"
    result = run(reg, "export", str(out), "--as-of", AS_OF, "--unit", "hrss-bureau", "--open")
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[0] for r in rows] == ["编号", "XF-2026-0300"]
    assert rows[1][2] == "2026-10-08"


def test_with_names_never_for_accusations(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "l.xlsx"
    assert run(reg, "export", str(out), "--as-of", AS_OF, "--with-names").exit_code == 0
    _, rows = _sheet(out)
    assert rows["XF-2026-0137"]["信访人"] == "徐某某"
    assert rows["XF-2026-0302"]["信访人"] is None
    assert "欧阳" not in (out.read_bytes().decode("latin-1"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["l.pdf"], "文件扩展名应为 .xlsx 或 .csv"),
        (["l.xlsx", "--unit", "nowhere"], "单位“nowhere”不在 org/units.yaml 中"),
    ],
)
def test_usage_errors(reg: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = run(reg, "export", str(tmp_path / args[0]), *args[1:], "--as-of", AS_OF)
    assert result.exit_code == 2
    assert message in result.output
