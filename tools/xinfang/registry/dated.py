"""The checks whose answer depends on the as-of date, run on every load outside the cache.

The cache keeps, per case file, the latest date in it; only the few files with a date after
the as-of date are read again to say which dates those are. The org/ and policy/ files are
few: their data comes from the loaders that parsed them in the same run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from xinfang.models import Case
from xinfang.registry import scan, store
from xinfang.rules import dates
from xinfang.rules.problems import Problem

CONFIG_DIRS = ("org", "policy")


def future_case_dates(
    source: store.Source,
    results: Iterable[scan.FileResult],
    case_of: Callable[[scan.FileResult], Case],
    *,
    as_of: dt.date,
) -> list[Problem]:
    """Case files with a date after `as_of`: each such date, located."""
    limit = as_of.isoformat()
    problems: list[Problem] = []
    for result in results:
        if result.latest is None or result.latest <= limit:
            continue
        findings = dates.future_events(case_of(result), result.rel, as_of=as_of)
        try:
            text = store.source_text(source, result.rel)
        except store.FileProblem:
            text = None
        problems += scan.locate_findings(text, findings)
    return problems


def config_dates(
    source: store.Source,
    *,
    as_of: dt.date,
    parsed: Mapping[str, tuple[str, Any]] | None = None,
) -> list[Problem]:
    """Dates in org/ and policy/ files more than a year after `as_of`, located. Files that do
    not parse are reported by their own loaders. `parsed` holds (text, data) of the files
    the loaders have already parsed in this run; the others are read here."""
    problems: list[Problem] = []
    parsed = parsed or {}
    for folder in CONFIG_DIRS:
        for rel in source.yaml_files(folder):
            if rel in parsed:
                text, data = parsed[rel]
            else:
                try:
                    text = store.source_text(source, rel)
                    data = store.parse_text(text, rel)
                except store.FileProblem:
                    continue
            problems += scan.locate_findings(text, dates.dates_beyond(rel, data, as_of=as_of))
    return problems
