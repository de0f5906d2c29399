"""Text from sources is shown as text: never interpreted as HTML, Markdown or script.

Streamlit renders Markdown (and folium passes strings into HTML and JavaScript), so every string
that comes from a source, a data file or a URL goes through one of these before it is shown.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, urlsplit

#: Every ASCII punctuation character may be backslash-escaped in CommonMark, which makes it a
#: literal; escaping them all is simpler and safer than guessing which ones matter.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_literal(text: str) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it exactly as written.

    Markdown, HTML tags, ``$`` (LaTeX) and emoji shortcodes all come out as literal characters;
    line breaks become spaces so a quote cannot start a heading or a list.

    >>> print(markdown_literal("<b>*hi*</b>"))
    \\<b\\>\\*hi\\*\\<\\/b\\>
    """
    flat = re.sub(r"[\r\n\u2028\u2029]+", " ", text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def safe_url(url: str) -> str | None:
    """An http(s) URL safe to put in a Markdown link, or None for anything else.

    Spaces, parentheses and angle brackets are percent-encoded so the link cannot break out of
    its Markdown syntax; other schemes (``javascript:``, ``data:``) are refused.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~-._")


def markdown_link(label: str, url: str) -> str:
    """A Markdown link whose label is literal text; an unsafe URL gives the label alone."""
    target = safe_url(url)
    text = markdown_literal(label)
    return f"[{text}]({target})" if target else text


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown (GFM) table whose every cell is literal text (pipes escaped too).

    >>> print(markdown_table(["State", "Status"], [["A|B", "*bound*"]]).splitlines()[2])
    | A\\|B | \\*bound\\* |
    """

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(markdown_literal(c) for c in cells) + " |"

    return "\n".join([line(header), "|" + " --- |" * len(header), *(line(r) for r in rows)])


def markdown_source(
    title: str, url: str, publisher: str, published: str | None, prefix: str = ""
) -> str:
    """``prefix`` + a link to the source + its publisher and date, all literal text."""
    when = f", {published}" if published else ""
    return (
        markdown_literal(prefix)
        + markdown_link(title, url)
        + " · "
        + markdown_literal(f"{publisher}{when}")
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value safe in a CSV a reader opens in a spreadsheet (no formula injection).

    Text that a spreadsheet would run as a formula gets a leading apostrophe, the usual guard;
    numbers, booleans and ordinary text are unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def js_literal(value: Any) -> str:
    """``value`` as a JavaScript expression that is inert inside a ``<script>`` element.

    JSON with ``<``, ``>``, ``&`` and the two Unicode line separators escaped, so no string can
    close the script element or break out of the literal; backticks and ``${`` stay inside an
    ordinary double-quoted string where they mean nothing.
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
