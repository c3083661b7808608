"""The official calendar and the statutory clocks of one case as of a date.

Holds `calendar` (working days and days off, including provisional years), `deadlines`
(the clocks a case's events start and stop) and `explain` (each clock told in Chinese).
Pure functions of a case, the policy and a date; uses only `xinfang.models`.
"""
