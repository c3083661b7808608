"""rules/dates.py and the fixed date window: no date can make anything overflow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import case_yaml, cases_of, make_registry
from xinfang.cli import cli
from xinfang.models import Unit, keys
from xinfang.rules import dates

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("as_of", "latest"),
    [
        ("2026-11-22", "2027-11-22"),
        ("2028-02-29", "2029-02-28"),  # no 29 February the year after
        ("2100-06-01", "2100-12-31"),  # never past the models' window
    ],
)
def test_latest_allowed_is_a_year_on(as_of: str, latest: str) -> None:
    assert dates.latest_allowed(D(as_of)) == D(latest)


def test_dates_beyond_a_year_are_found_as_values_and_keys() -> None:
    data = {"a": [{"date": "2027-12-01"}, {"date": "2026-01-01"}], "2028-01-01": "x", "t": "2027"}
    found = dates.dates_beyond("org/x.yaml", data, as_of=D("2026-11-22"))
    assert [(f.loc, f.at_key) for f in found] == [
        (("a", 0, "date"), False),
        (("2028-01-01",), True),
    ]


@pytest.mark.parametrize("command", ["overdue", "deadlines", "validate"])
def test_an_as_of_date_outside_the_window_is_a_usage_error(registry: Path, command: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(registry), command, "--as-of", "9999-12-31"])
    assert result.exit_code == 2
    assert "超出允许范围" in result.output


def test_last_possible_date_computes_without_overflow(tmp_path: Path) -> None:
    text = case_yaml("XF-2100-0001", "hrss-bureau", ["2100-12-30 received", "2100-12-31 accepted"])
    root = make_registry(tmp_path / "r", cases_of(text), example=False)
    runner = CliRunner()
    args = ["--root", str(root), "deadlines", "--as-of", "2100-12-31", "--case", "XF-2100-0001"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "2101-" in result.output  # the handling period ends in a year no calendar knows


def test_unit_names_resolve_to_keys_and_ambiguity_is_refused() -> None:
    units = {
        "a-town": Unit(name="甲镇", short="甲", type="town"),
        "b-town": Unit(name="乙镇", short="甲", type="town"),
        "c-bureau": Unit(name="县丙局", type="department"),
    }
    assert keys.resolve_unit("县丙局", units) == "c-bureau"
    assert keys.resolve_unit(" c-bureau ", units) == "c-bureau"
    with pytest.raises(keys.UnknownKey, match="可以指 a-town、b-town"):
        keys.resolve_unit("甲", units)
    with pytest.raises(keys.UnknownKey, match="您是不是要写 c-bureau（县丙局）"):
        keys.resolve_unit("丙局", units)
