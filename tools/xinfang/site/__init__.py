"""The internal site: pure page builders (registry data → Markdown), one module per section,
and `build`, which writes the pages, runs MkDocs and scans the output."""
