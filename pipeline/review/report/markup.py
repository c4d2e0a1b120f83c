"""What every page of the report writes the same way: the HTML skeleton, escaping of text
and attribute values, and scores to two decimals.

One place for escaping, so every page escapes table text the same way.
"""

from __future__ import annotations

import html


def page(title: str, body: str, stylesheet: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="bulletin-pipeline report">\n'
        f"<title>{esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{attr(stylesheet)}">\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=False)


def attr(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
