"""The office's own documents: Excel ledgers in and out, Word drafts, statistics forms, .ics.

Builders here are pure: registry data → bytes (openpyxl, python-docx and icalendar writing
into memory), or a clerk's table (already read by `xinfang.registry.ledgerfile`) → a plan of
new cases and events. Reading the clerk's file and writing every output goes through
`xinfang.registry`. Sits just below `cli`: it uses `site` for what a case looks like on the
site (stage, clocks, masked names, the confidential placeholder), and every layer below.
"""
