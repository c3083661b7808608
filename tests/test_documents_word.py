"""`xinfang notice --format docx`: read back with python-docx, and rendered by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from documents_factory import AS_OF, document_registry, run
from registry_factory import REPO


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return document_registry(tmp_path / "reg")


def test_notice_docx_has_the_gbt9704_layout_and_the_notice_text(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    result = run(reg, "notice", "--period", "2026-11", "--as-of", AS_OF, "--format", "docx",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    section = doc.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin)  # fmt: skip
    assert [round(v.mm) for v in sizes] == [210, 297, 37, 35, 28, 26]
    title = doc.paragraphs[0]
    assert title.text == "关于2026年11月全县信访工作情况的通报（草稿）"
    run_ = title.runs[0]
    assert run_.font.size == Pt(22)
    assert (
        run_._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "方正小标宋简体"
    )
    body = next(p for p in doc.paragraphs if p.text.startswith("2026年11月，全县登记"))
    assert body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.line_spacing == Pt(28.95)
    headings = [p.text for p in doc.paragraphs if p.text[:2] in ("一、", "二、", "四、")]
    assert headings[:2] == ["一、总体情况", "二、排名"]
    footer = section.footer._element.xml
    assert "— " in section.footer.paragraphs[0].text and "PAGE" in footer
    tables = doc.tables
    assert tables[0].rows[0].cells[0].text == "指标"
    assert "口径" in [c.text for c in tables[0].rows[0].cells]
    units = [r.cells[1].text for r in tables[1].rows[1:]]
    assert "人社局" in units or "县人力资源和社会保障局" in units


def test_notice_docx_needs_an_output_file(reg: Path) -> None:
    result = run(reg, "notice", "--period", "2026-11", "--format", "docx")
    assert result.exit_code == 2
    assert "须用 -o 指定写入的 .docx 文件" in result.output


def test_libreoffice_renders_the_notice_and_the_ledger(tmp_path: Path) -> None:
    """The real client: headless LibreOffice converts both files to PDF; pdftotext reads them.
    Fails, not skips, when either program is missing: scripts/test.sh installs them."""
    missing = [name for name in ("soffice", "pdftotext") if shutil.which(name) is None]
    assert not missing, (
        f"缺少 {'、'.join(missing)}：请运行 bash scripts/test.sh（它会安装 Debian 的 "
        "libreoffice-writer-nogui、libreoffice-calc-nogui 和 poppler-utils）"
    )
    notice = tmp_path / "notice.docx"
    ledger = tmp_path / "ledger.xlsx"
    xinfang = [str(REPO / ".venv/bin/xinfang"), "--root", str(REPO)]
    for args in (
        ["notice", "--period", "2026-10", "--as-of", "2026-11-22", "--format", "docx",
         "-o", str(notice)],
        ["export", str(ledger), "--as-of", "2026-11-22", "--year", "2026", "--open"],
    ):  # fmt: skip
        done = subprocess.run(xinfang + args, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(notice), str(ledger)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    notice_text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "notice.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "关于2026年10月全县信访工作情况的通报" in "".join(notice_text.split())
    assert "一、总体情况" in notice_text
    squeezed = "".join(notice_text.split())
    assert "—1—" in squeezed and "—2—" in squeezed  # the PAGE field, rendered per page
    ledger_text = subprocess.run(
        ["pdftotext", str(tmp_path / "ledger.pdf"), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    assert "编号" in ledger_text and "XF-2026-" in ledger_text
    assert "逾期天数" in ledger_text
    assert "2026-11-" in ledger_text  # date cells rendered as dates, not serial numbers
