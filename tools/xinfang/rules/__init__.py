"""Checks of registry files, one file at a time and across files.

Holds the `Problem`/`Finding` currency (`problems`), pydantic errors in Chinese
(`messages`), case checks (`checks`), checks of recorded actions (`action_checks`), of
receptions and frontline ledgers (`leadership_checks`) and of case ownership
(`ownership`). No I/O; uses `xinfang.clocks` and `xinfang.models`.
"""
