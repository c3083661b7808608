"""`xinfang notice --format docx`: read back with python-docx, and rendered by LibreOffice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
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


def _section_of_each_table(doc) -> list[int]:  # noqa: ANN001
    """For each table of the body, the index of the section it lies in."""
    section, out = 0, []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            out.append(section)
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1
    return out


def test_the_wide_ranking_tables_stand_on_a_landscape_page(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    result = run(reg, "notice", "--period", "2026-11", "--as-of", AS_OF, "--format", "docx",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    sizes = [(round(s.page_width.mm), round(s.page_height.mm)) for s in doc.sections]
    assert sizes == [(210, 297), (297, 210), (210, 297)]
    assert doc.sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert [round(v.mm) for v in (doc.sections[2].top_margin, doc.sections[2].left_margin)] == [
        37,
        28,
    ]
    heads = [t.rows[0].cells[0].text for t in doc.tables]
    sections = _section_of_each_table(doc)
    assert heads[0] == "指标" and sections[0] == 0  # four columns: it wraps its text column
    wide = [i for i, head in enumerate(heads) if head in ("名次", "单位")]
    assert wide and all(sections[i] == 1 for i in wide)
    # a rate stands over its fraction, on purpose, instead of breaking inside the number
    cells = [c.text for t in (doc.tables[i] for i in wide) for r in t.rows[1:] for c in r.cells]
    assert any(re.fullmatch(r"\d+\.\d%\n（\d+/\d+）", c) for c in cells), cells[:20]
    heading = next(p for p in doc.paragraphs if p.text == "二、排名")
    body = list(doc.element.body.iterchildren())
    first_break = next(
        i for i, el in enumerate(body) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    )
    assert body.index(heading._p) > first_break  # the heading turns with its table


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
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(tmp_path / "notice.pdf")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    pages = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    shapes = ["landscape" if float(w) > float(h) else "portrait" for w, h in pages]
    assert shapes[0] == "portrait" and "landscape" in shapes and shapes[-1] == "portrait"
    ledger_text = subprocess.run(
        ["pdftotext", str(tmp_path / "ledger.pdf"), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    assert "编号" in ledger_text and "XF-2026-" in ledger_text
    assert "逾期天数" in ledger_text
    assert "2026-11-" in ledger_text  # date cells rendered as dates, not serial numbers
