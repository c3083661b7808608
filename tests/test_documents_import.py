"""`xinfang import`: clerks' ledgers (xlsx with date cells, csv with typed dates) in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from documents_factory import AS_OF, document_registry, run


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return document_registry(tmp_path / "reg")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.yaml")}


def _csv(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_importing_the_own_export_changes_nothing(reg: Path, tmp_path: Path) -> None:
    before = _snapshot(reg)
    for name in ("own.xlsx", "own.csv"):
        assert run(reg, "export", str(tmp_path / name), "--as-of", AS_OF).exit_code == 0
        result = run(reg, "import", str(tmp_path / name), "--as-of", AS_OF)
        assert result.exit_code == 0, result.output
        assert "共 3 行：0 行有改动，3 行与登记库一致。" in result.output
    assert _snapshot(reg) == before


def test_xlsx_with_date_cells_free_column_order_and_aliases(reg: Path, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["备注", "办结日期", "案件编号", "受理时间"])
    ws.append(["电话催办", dt.date(2026, 12, 1), "XF-2026-0300", dt.date(2026, 10, 9)])
    ws.append([None, None, None, None])
    ws.append(["", "2026年12月18日", "XF-2026-0302", "2026/11/5"])
    wb.save(tmp_path / "县人社局报送.xlsx")
    case_file = reg / "cases/2026/XF-2026-0300.yaml"
    case_file.write_text("# 工资案件，专人跟踪\n" + case_file.read_text("utf-8"), "utf-8")
    result = run(reg, "import", str(tmp_path / "县人社局报送.xlsx"), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "第2行：XF-2026-0300 追加 出具处理意见 2026-12-01" in result.output
    assert "第4行：XF-2026-0302 追加 出具处理意见 2026-12-18" in result.output
    text = case_file.read_text("utf-8")
    assert text.startswith("# 工资案件，专人跟踪\n")  # comments survive
    assert text.endswith("  - {date: 2026-12-01, type: answered}\n")
    assert run(reg, "validate", "--as-of", AS_OF).exit_code == 0


def test_new_rows_get_next_free_ids_and_implied_events(reg: Path, tmp_path: Path) -> None:
    ledger = _csv(
        tmp_path / "ledger.csv",
        "信访日期,标题,来源,事项类别,问题分类,承办单位,信访人姓名,人数,受理日期,初信初访\n"
        "2026.12.1,反映拖欠农民工工资,来访,申诉求决,拖欠工资,人社局,张某、李某,2,2026年12月3日,是\n"
        "2026/12/2,反映道路破损,网,建议意见类,urban-management,青石镇,,1,,否\n",
    )
    dry = run(reg, "import", str(ledger), "--dry-run", "--as-of", AS_OF)
    assert dry.exit_code == 0, dry.output
    assert (
        "第2行：新案件 XF-2026-0303“反映拖欠农民工工资”（登记 2026-12-01），并记录 受理 2026-12-03"
        in dry.output
    )
    assert "第3行：新案件 XF-2026-0304" in dry.output
    assert not (reg / "cases/2026/XF-2026-0303.yaml").exists()
    done = run(reg, "import", str(ledger), "--as-of", AS_OF)
    assert done.exit_code == 0, done.output
    text = (reg / "cases/2026/XF-2026-0303.yaml").read_text("utf-8")
    assert "unit: hrss-bureau" in text and "channel: visit" in text and "first: true" in text
    assert "  - name: 张某\n  - name: 李某\n" in text
    assert "  - {date: 2026-12-03, type: accepted}\n" in text
    assert "kind: suggestion" in (reg / "cases/2026/XF-2026-0304.yaml").read_text("utf-8")


def test_one_bad_row_means_nothing_is_written(reg: Path, tmp_path: Path) -> None:
    ledger = _csv(
        tmp_path / "bad.csv",
        "编号,登记日期,标题,信访形式,事项类别,问题分类,责任单位,受理日期,出具意见日期\n"
        ",2026-12-01,好的一行,来信,申诉求决类,拖欠工资,人社局,,\n"
        ",2026-13-01,,火星,申诉求决类,拖欠工资,不存在局,,\n"
        "XF-2026-0137,,,,,,,2026-06-06,\n"
        "XF-2026-0300,,,,,,,,2026-10-08\n"
        "XF-2026-0999,,,,,,,,\n",
        encoding="gb18030",  # as WPS saves it
    )
    before = _snapshot(reg)
    result = run(reg, "import", str(ledger), "--as-of", AS_OF)
    assert result.exit_code == 1
    name = ledger.as_posix()
    assert result.output.splitlines() == [
        f"{name}:第3行:登记日期: “2026-13-01”不是存在的日期",
        f"{name}:第3行:信访形式: 不认识的信访形式“火星”，可用：来信、来访、网上、来电、信、访、网、电",
        f"{name}:第3行:责任单位: 单位“不存在局”不在 org/units.yaml 中",
        f"{name}:第3行:标题: 新案件必须填写",
        f"{name}:第4行:受理日期: 登记库中XF-2026-0137的“受理”为 2026-06-05，与台账的 2026-06-06 不同；"
        "导入不改写已有记录，请核对后在案件文件中更正",
        f"{name}:第5行:出具意见日期: 事件未按日期排列：早于上一事件的 2026-10-09",
        f"{name}:第6行:编号: 登记库中没有案件 XF-2026-0999（或其文件有问题，请先运行 xinfang validate）",
        "台账有 7 处问题，未写入任何文件。",
    ]
    assert _snapshot(reg) == before


def test_missing_columns_and_unreadable_files(reg: Path, tmp_path: Path) -> None:
    ledger = _csv(tmp_path / "x.csv", "序号,内容\n1,abc\n")
    result = run(reg, "import", str(ledger))
    assert result.exit_code == 1
    assert "第1行:: 找不到“编号”或“标题”列；列名对照见 policy/ledger.yaml" in result.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    result = run(reg, "import", str(broken))
    assert result.exit_code == 1
    assert "无法作为 Excel 工作簿读取" in result.output
    result = run(reg, "import", str(_csv(tmp_path / "x.txt", "a")))
    assert result.exit_code == 1
    assert "只能导入 .xlsx 或 .csv 文件" in result.output


def test_irregular_petitions_go_out_and_come_back_in(reg: Path, tmp_path: Path) -> None:
    case_file = reg / "cases/2026/XF-2026-0300.yaml"
    case_file.write_text(case_file.read_text("utf-8") + "irregular: true\n", "utf-8")
    out = tmp_path / "台账.csv"
    assert run(reg, "export", str(out), "--as-of", AS_OF).exit_code == 0
    lines = out.read_text("utf-8-sig").splitlines()
    column = lines[0].split(",").index("非正常上访")
    marks = {line.split(",")[0]: line.split(",")[column] for line in lines[1:]}
    assert marks["XF-2026-0300"] == "是"
    assert set(marks.values()) == {"是", ""}
    again = run(reg, "import", str(out), "--as-of", AS_OF)
    assert "3 行与登记库一致" in again.output, again.output
    ledger = _csv(
        tmp_path / "new.csv",
        "信访日期,标题,来源,事项类别,问题分类,承办单位,人数,是否非正常上访\n"
        "2026.12.1,反映拖欠工程款,来访,申诉求决,拖欠工资,人社局,3,是\n"
        "2026.12.2,反映路灯不亮,网,建议意见类,urban-management,青石镇,1,\n"
        "2026.12.2,反映噪声扰民,网,建议意见类,urban-management,青石镇,1,也许\n",
    )
    bad = run(reg, "import", str(ledger), "--as-of", AS_OF)
    assert bad.exit_code == 1
    assert "第4行:是否非正常上访: “也许”应为 是 或 否" in bad.output
    ledger.write_text(ledger.read_text("utf-8-sig").replace(",也许", ",否"), "utf-8")
    done = run(reg, "import", str(ledger), "--as-of", AS_OF)
    assert done.exit_code == 0, done.output
    first, second, third = (
        (reg / f"cases/2026/XF-2026-030{n}.yaml").read_text("utf-8") for n in (3, 4, 5)
    )
    assert "irregular: true" in first and "unit: hrss-bureau" in first
    assert "irregular" not in second
    assert "irregular: false" in third
