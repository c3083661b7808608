"""scripts/tracking_issue.py: the issue body (the gh calls are tested in test_workflows.py)."""

from __future__ import annotations

import importlib.util

from registry_factory import REPO

spec = importlib.util.spec_from_file_location("tracking_issue", REPO / "scripts/tracking_issue.py")
tracking_issue = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tracking_issue)


def test_a_long_list_is_cut_at_a_row_and_points_at_the_summary() -> None:
    header = "## 逾期案件清单\n\n| 案件 | 期限 |\n|---|---|\n"
    rows = "".join(f"| XF-2026-{i:04d} | 办理期限 |\n" for i in range(5000))
    body = tracking_issue.issue_body(header + rows, as_of="2026-12-04", run_url="https://x/1")
    assert len(body) < 65_536
    kept = [line for line in body.splitlines() if line.startswith("| XF-")]
    assert body.count("| XF-") == len(kept) and kept[-1].endswith("| 办理期限 |")
    assert f"此处只列出前 {len(kept)} 行；完整清单见[本次运行的摘要](https://x/1)。" in body
    assert body.rstrip().endswith("请勿手工编辑：下次检查时会被覆盖。")


def test_a_short_list_is_kept_whole() -> None:
    body = tracking_issue.issue_body("## 清单\n\n| A |\n", as_of="2026-12-04", run_url=None)
    assert body.startswith("## 清单\n\n| A |\n\n---\n")
    assert "按 2026-12-04（北京时间）计算。" in body
