"""`xinfang draft`: the letters read back with python-docx, the SMS by its length."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from documents_factory import document_registry, run
from registry_factory import REPO
from xinfang.documents.letters import SMS_LIMIT, sms_segments

ACTIONS = """\
actions:
  - {date: 2026-09-28, kind: interview, unit: hrss-bureau, reason: 连续两次月度通报排名后三位}
  - {date: 2026-12-15, kind: reminder, form: letter, unit: hrss-bureau, reason: 工资拖欠事项逾期未办结}
  - {date: 2026-12-16, kind: reminder, form: sms, unit: hrss-bureau, case: XF-2026-0300, reason: 办理期限已过}
  - {date: 2026-12-01, kind: reminder, form: letter, unit: qingshi-town, case: XF-2026-0302, reason: 举报事项尚未办结}
  - kind: listing
    date: 2026-12-18
    unit: hrss-bureau
    case: XF-2026-0300
    reason: 连续两次被提醒，仍未办结
    steps:
      - {step: filing, date: 2026-12-18}
      - {step: notice, date: 2026-12-19, note: 限期一个月化解}
"""
AS_OF = "2026-12-20"


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    root = document_registry(tmp_path / "reg")
    (root / "org" / "actions").mkdir()
    (root / "org" / "actions" / "2026.yaml").write_text(ACTIONS, encoding="utf-8")
    assert run(root, "validate").exit_code == 0
    return root


def _text(path: Path) -> tuple[list[str], list[list[list[str]]], Document]:
    doc = Document(str(path))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
    return [p.text for p in doc.paragraphs], tables, doc


def _east_asia(paragraph) -> str:  # noqa: ANN001
    return paragraph.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_reminder_letter_for_a_unit_lists_its_overdue_cases_in_the_gongwen_layout(
    reg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "提醒函.docx"
    result = run(reg, "draft", "reminder", "--unit", "hrss-bureau", "--date", "2026-12-15",
                 "--as-of", AS_OF, "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    paragraphs, tables, doc = _text(out)
    assert paragraphs[0] == "关于信访工作有关情况的提醒函"
    assert doc.paragraphs[0].runs[0].font.size == Pt(22)
    assert _east_asia(doc.paragraphs[0]) == "方正小标宋简体"
    assert paragraphs[2] == "县人力资源和社会保障局："
    assert doc.paragraphs[2].paragraph_format.first_line_indent is None  # 主送机关 flush left
    assert paragraphs[3] == "工资拖欠事项逾期未办结。现就有关情况提醒如下。"
    assert "截至2026年12月15日，你单位在办信访事项 1 件，其中已逾期 1 件：" in paragraphs
    # WAGES: accepted 2026-10-09, handling due 2026-12-08, 7 days late on the letter's date
    assert tables[0][0] == ["编号", "事项", "期限", "到期日", "逾期天数"]
    assert tables[0][1] == ["XF-2026-0300", "反映工资拖欠，联系电话〔电话号码已隐去〕", "办理期限",
                            "2026-12-08", "7"]  # fmt: skip
    assert paragraphs[-2:] == ["县信访工作联席会议办公室", "2026年12月15日"]
    assert doc.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert doc.paragraphs[-1].paragraph_format.right_indent == Pt(64)  # 右空四字
    section = doc.sections[0]
    assert [round(v.mm) for v in (section.top_margin, section.left_margin)] == [37, 28]


def test_reminder_about_an_accusation_shows_only_its_id_and_clocks(
    reg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "提醒函.docx"
    result = run(reg, "draft", "reminder", "--case", "XF-2026-0302", "--as-of", AS_OF,
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    paragraphs, tables, _ = _text(out)
    assert paragraphs[2] == "青石镇："
    everything = "\n".join(paragraphs + [c for t in tables for r in t for c in r])
    assert "XF-2026-0302" in everything
    assert ["当前情况", "没有正在计算的期限"] in tables[0]  # accepted; no handling clock for it
    for secret in ("举报村干部", "欧阳", "土地征占", "登记日期"):
        assert secret not in everything
    assert [r[0] for r in tables[0]] == ["项目", "案件编号", "办理阶段", "当前情况"]


def test_interview_notice_gives_the_report_deadline_in_working_days(
    reg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "约谈通知书.docx"
    result = run(reg, "draft", "interview", "--unit", "hrss-bureau", "--as-of", AS_OF,
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    paragraphs, _, _ = _text(out)
    assert paragraphs[0] == "约谈通知书"
    assert paragraphs[3].startswith("连续两次月度通报排名后三位。经研究，定于2026年9月28日约谈")
    # Monday 09-28 + 15 working days: National Day off, make-up Saturday 10-10 counted
    report = next(p for p in paragraphs if "整改落实情况书面报送" in p)
    assert "请你单位于2026年10月23日前（约谈后第 15 个工作日）" in report
    assert "第六部分（约谈机制）" in report
    assert paragraphs[-1] == "2026年9月28日"
    assert "截至2026年9月28日，你单位在办信访事项 0 件，没有逾期事项。" in paragraphs


def test_listing_notice_lists_the_steps_done_and_to_come(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "挂牌督办通知书.docx"
    result = run(reg, "draft", "listing", "--case", "XF-2026-0300", "--as-of", AS_OF,
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    paragraphs, tables, _ = _text(out)
    assert paragraphs[0] == "挂牌督办通知书"
    assert "决定自2026年12月18日起对该事项挂牌督办" in paragraphs[3]
    facts = dict(r for r in tables[0] if len(r) == 2)
    assert facts["事项"] == "反映工资拖欠，联系电话〔电话号码已隐去〕"
    assert facts["办理期限"] == "2026-12-08 到期（《信访工作条例》第三十四条）"
    # the notice is dated the listing's day: the 12-19 step is still to come on that day
    assert tables[1][1:3] == [["建档立案", "2026-12-18", ""], ["下发通知", "待完成", ""]]
    assert [r[0] for r in tables[1][1:]] == ["建档立案", "下发通知", "化解处置", "组织验收", "摘牌销号"]  # fmt: skip


def test_sms_reminder_is_plain_text_within_two_segments(reg: Path) -> None:
    result = run(reg, "draft", "reminder", "--case", "XF-2026-0300", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    text = result.stdout.strip()
    assert text == (
        "【县信访局】人社局：XF-2026-0300办理期限于 2026-12-08 到期，已逾期 8 天。"
        "办理期限已过。请抓紧办理并反馈。"
    )
    assert len(text) <= 70 and sms_segments(text) == 1
    assert f"（共 {len(text)} 字，1 条短信）" in result.stderr


def test_a_long_reason_is_shortened_to_two_segments(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "短信.txt"
    reason = "该事项群众反映强烈，" * 20
    result = run(reg, "draft", "reminder", "--unit", "qingshi-town", "--form", "sms",
                 "--reason", reason, "--as-of", AS_OF, "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8").strip()
    assert len(text) == SMS_LIMIT == 134 and sms_segments(text) == 2
    assert text.startswith("【县信访局】青石镇：在办信访事项1件，逾期0件。该事项")
    assert text.endswith("…。请抓紧办理并反馈。")


def test_no_recorded_action_and_no_reason_is_exit_1(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    result = run(reg, "draft", "interview", "--unit", "qingshi-town", "--as-of", AS_OF,
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 1
    assert "org/actions/ 中没有 青石镇（qingshi-town）的约谈记录" in result.stderr
    assert "--reason" in result.stderr and not out.exists()
    result = run(reg, "draft", "interview", "--unit", "qingshi-town", "--reason",
                 "群众反映问题久拖未决", "--date", "2026-12-21", "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert _text(out)[0][3].startswith("群众反映问题久拖未决。经研究，定于2026年12月21日约谈")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["interview", "--unit", "hrss-bureau"], "请用 -o 指定写入的 .docx 文件"),
        (["interview", "--unit", "hrss-bureau", "-o", "x.pdf"], "文件扩展名应为 .docx"),
        (["interview", "--unit", "nowhere", "-o", "x.docx"], "单位“nowhere”不在 org/units.yaml 中"),
        (["listing", "--case", "XF-2026-0999", "-o", "x.docx"], "登记库中没有这件案件"),
        (["reminder"], "请用 --unit 或 --case 指明"),
    ],
)
def test_usage_errors_are_exit_2(reg: Path, args: list[str], message: str) -> None:
    result = run(reg, "draft", *args, "--as-of", AS_OF)
    assert result.exit_code == 2
    assert message in result.output


def test_installed_command_drafts_the_demo_listing_notice(tmp_path: Path) -> None:
    out = tmp_path / "listing.docx"
    done = subprocess.run(
        [str(REPO / ".venv/bin/xinfang"), "--root", str(REPO), "draft", "listing",
         "--case", "XF-2026-0197", "--as-of", "2026-11-22", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    paragraphs, tables, _ = _text(out)
    assert paragraphs[2] == "县住房和城乡建设局："
    # dated the listing's day (10-23): the notice step of 10-26 is still to come then
    assert tables[1][1:3] == [["建档立案", "2026-10-23", ""], ["下发通知", "待完成", ""]]


@pytest.mark.parametrize(
    "path", [["draft"], ["draft", "reminder"], ["draft", "interview"], ["draft", "listing"],
             ["calendar"], ["stats"]],
)  # fmt: skip
def test_help_is_chinese_and_ends_in_an_example(path: list[str]) -> None:
    from click.testing import CliRunner

    from xinfang.cli import cli

    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    lines = [x.strip() for x in result.stdout.split("选项：")[0].splitlines() if x.strip()]
    assert lines[-1].startswith("示例：xinfang " + path[0])
