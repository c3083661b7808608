"""The ledger export at scale: its lighter data path and its raw row writer must give what
the site's full public copy and openpyxl's own cells give."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from registry_factory import REPO
from xinfang.documents import sheets
from xinfang.documents.export import ledger_data
from xinfang.documents.ledger import COLUMNS, ledger_rows
from xinfang.registry.loader import Registry, load_registry
from xinfang.site.data import collect

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo() -> Registry:
    registry = load_registry(REPO, use_cache=False, as_of=AS_OF).registry
    assert registry is not None
    return registry


@pytest.mark.parametrize("with_names", [False, True])
def test_ledger_rows_equal_those_from_the_sites_public_copy(
    demo: Registry, with_names: bool
) -> None:
    full = ledger_rows(collect(demo, demo.calendar, as_of=AS_OF, commit="c"), with_names=with_names)
    light = ledger_rows(ledger_data(demo, as_of=AS_OF, commit="c"), with_names=with_names)
    assert len(light) > 100
    assert any(r["title"] == "（检举控告事项，内容保密）" for r in light)
    assert any(r["overdue_days"] for r in light)
    assert light == full


def _rows() -> list[dict[str, object]]:
    plain = {c.key: None for c in COLUMNS}
    return [
        {**plain, "id": "XF-2026-0001", "title": "a & b <c> \u201c引号\u201d", "headcount": 3,
         "received": dt.date(2026, 1, 5), "petitioners": "", "due": dt.date(2026, 3, 1)},
        {**plain, "id": "XF-2026-0002", "title": "  两端空格  ", "overdue_days": 12,
         "received": dt.date(1900, 3, 1)},
        {**plain, "id": "XF-2026-0003", "title": "末行"},
    ]  # fmt: skip


def test_raw_rows_read_back_as_written_with_formats_and_fills() -> None:
    rows = _rows()
    data = sheets.ledger_xlsx(COLUMNS, rows, sheet="台账", facts=[("数据截至", "2026-11-22")])
    ws = load_workbook(io.BytesIO(data))["台账"]
    assert ws.max_row == 4
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    by_key = {c.key: i for i, c in enumerate(COLUMNS)}
    for values, cells in zip(rows, ws.iter_rows(min_row=2), strict=True):
        for key, i in by_key.items():
            want = values[key]
            want = None if want == "" else want
            got = cells[i].value
            if isinstance(want, dt.date):
                assert got == dt.datetime.combine(want, dt.time()), key
                assert cells[i].number_format == "yyyy-mm-dd"
            else:
                assert got == want, key
        fills = {c.fill.fgColor.rgb for c in cells}
        assert fills == ({"00F8D7DA"} if values["overdue_days"] else {"00000000"})
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:W4"
    about = load_workbook(io.BytesIO(data))["说明"]
    assert about["A2"].value == "数据截至"
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert calamine[1][:3] == ["XF-2026-0001", "a & b <c> \u201c引号\u201d", dt.date(2026, 1, 5)]
    assert calamine[2][1] == "  两端空格  "


def test_an_empty_ledger_has_only_its_header() -> None:
    data = sheets.ledger_xlsx(COLUMNS, [], sheet="台账", facts=[])
    ws = load_workbook(io.BytesIO(data))["台账"]
    assert ws.max_row == 1
    assert ws["A1"].value == "编号"
