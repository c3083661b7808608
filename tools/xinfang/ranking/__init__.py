"""Periods, rates and the mechanisms they trigger.

`periods` parses 2026-10 / 2026-Q3 / 2026-H1 / 2026; `rates` computes each unit's rates and
ranks for a period; `mechanisms` derives reminders, interviews and listings from rankings
and the recorded actions; `ranktable` and `notice` present them; `yearbook` gives the
year's statistics. Uses `xinfang.registry` and below.
"""
