"""Leaders' own work: frontline days against the quota, published reception days.

Uses `xinfang.registry` and below.
"""
