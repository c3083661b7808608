"""Where a 公文 table goes and how wide its columns are: a table of many columns that does not
fit the portrait type area goes on a landscape page (with the headings just above it), its
rates stand over their fractions, and the widest columns give way first so ids, dates and
numbers stay on one line. Pure geometry: no document is built here."""

from __future__ import annotations

import re

from docx.shared import Pt

TABLE_SIZE = Pt(12)  # 小四
WIDE_TABLE_SIZE = Pt(10.5)  # 五号, for tables of more than six columns


def clean(text: str) -> str:
    return text.replace("**", "").strip()


def table_rows(lines: list[str]) -> list[list[str]]:
    return [
        [clean(c) for c in line.strip().strip("|").split("|")]
        for line in lines
        if not re.match(r"^\|?\s*:?-{3,}", line.strip())
    ]


def font_size(rows: list[list[str]]) -> Pt:
    return TABLE_SIZE if max(len(r) for r in rows) <= 6 else WIDE_TABLE_SIZE


def is_wide(rows: list[list[str]]) -> bool:
    """A table of many columns (the ranking, its intervals) whose cells do not fit the
    portrait type area each on one line. A table of few columns wraps its text column."""
    width = max(len(r) for r in rows)
    return width > 6 and sum(needs(rows, width, font_size(rows))) > TYPE_AREA_MM + 0.01


def landscape(blocks: list[tuple[str, list[str]]]) -> list[bool]:
    """Which blocks go on landscape pages: each wide table, the headings just above it (a
    heading stays with its table), and up to two lines between two wide tables."""
    wide = [kind == "table" and is_wide(table_rows(lines)) for kind, lines in blocks]
    out = list(wide)
    for i, turned in enumerate(wide):
        if not turned:
            continue
        j = i - 1
        while j >= 0 and blocks[j][0] == "line" and blocks[j][1][0].startswith("#"):
            out[j] = True
            j -= 1
        last = max((k for k in range(i) if wide[k]), default=None)
        if last is not None and i - last <= 3:
            out[last:i] = [True] * (i - last)
    return out


RATE_WITH_FRACTION = re.compile(r"^(\d+(?:\.\d+)?%)(（\d+/\d+）)$")


def stacked(rows: list[list[str]]) -> list[list[str]]:
    """On a landscape page a rate and its fraction stand on two lines (50.0% over （1/2）),
    so that the many rate columns fit side by side without breaking inside a number."""
    return [[RATE_WITH_FRACTION.sub(r"\1\n\2", c) for c in row] for row in rows]


TYPE_AREA_MM = 156
LANDSCAPE_AREA_MM = 297 - 37 - 35  # the landscape page's type area, 225 mm
CELL_PADDING_MM = 4.2  # the default left and right cell margins (0.19 cm each) and the rules
NARROW_MARGIN_MM = 1.0  # a landscape table's left and right cell margins
NARROW_PADDING_MM = 2 * NARROW_MARGIN_MM + 0.4


def text_mm(text: str, size: Pt) -> float:
    """How wide `text` sets: a Chinese character is one em, a Latin letter or digit about 0.58."""
    ems = sum(1.0 if ord(ch) > 0x2E80 else 0.58 for ch in text)
    return ems * size.pt * 0.3528


def needs(rows: list[list[str]], width: int, size: Pt, pad: float = CELL_PADDING_MM) -> list[float]:
    """Each column's width in mm for its longest text on one line (a header of more than
    four characters may wrap)."""
    floor = 4 * size.pt * 0.3528 + pad  # at least four Chinese characters a line
    need = []
    for j in range(width):
        header = text_mm(rows[0][j], size) if j < len(rows[0]) else 0
        cells = [text_mm(part, size) for r in rows[1:] if j < len(r) for part in r[j].split("\n")]
        need.append(max([min(header, floor - pad)] + cells) + pad)
    return need


def column_widths(
    rows: list[list[str]], width: int, size: Pt, area: float = TYPE_AREA_MM
) -> list[float]:
    """Column widths in mm sharing the type area (156 mm, or 225 mm on a landscape page).
    When the columns' one-line widths do not all fit, the widest columns give way first, so
    ids, dates and numbers stay on one line."""
    pad = NARROW_PADDING_MM if area > TYPE_AREA_MM else CELL_PADDING_MM
    floor = 4 * size.pt * 0.3528 + pad
    need = needs(rows, width, size, pad)
    over = sum(need) - area
    while over > 0.01:
        widest = max(need)
        if widest <= floor:
            return [area * n / sum(need) for n in need]
        second = max([n for n in need if n < widest] + [floor])
        count = need.count(widest)
        cut = min(over / count, widest - max(second, floor))
        need = [n - cut if n == widest else n for n in need]
        over = sum(need) - area
    return [n + (-over) * n / sum(need) for n in need]
