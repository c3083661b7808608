"""The registers kept beside the cases, judged as of a date: risk-screening reports
(`screening`), the reception rota (`rota`), spot checks of first petitions (`spotcheck`), and
what they find as plain findings (`findings.register_findings`). Pure: no files, no clock.

Uses `xinfang.registry` (the loaded registry), `xinfang.clocks` and `xinfang.models`.
"""
