"""Escaping of source text for Markdown (text, links, tables, source lines), spreadsheets and
JavaScript: whatever a source says is shown as written, never run."""

from __future__ import annotations

import json

import pytest

from treatymap.textsafe import (
    csv_cell,
    js_literal,
    markdown_link,
    markdown_literal,
    markdown_source,
    markdown_table,
    safe_url,
)


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "**bold** _it_ `code`", "[x](javascript:alert(1))", "$x^2$"],
)
def test_markdown_literal_escapes_every_markup_character(text):
    escaped = markdown_literal(text)
    for char in "<>*_`[]()$":
        assert char not in escaped.replace(f"\\{char}", "")


def test_markdown_literal_keeps_letters_and_flattens_lines():
    assert markdown_literal("Tallinn\n# heading") == "Tallinn \\# heading"
    assert markdown_literal("Ukraïna ქართული") == "Ukraïna ქართული"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x/y", "//x"])
def test_only_http_links_are_allowed(url):
    assert safe_url(url) is None
    assert markdown_link("title", url) == "title"


def test_link_cannot_break_out_of_markdown():
    link = markdown_link("A [title]", "https://example.org/a (b)")
    assert link == "[A \\[title\\]](https://example.org/a%20%28b%29)"


def test_js_literal_cannot_close_a_script_or_break_a_string():
    value = {"x": "</script><script>alert(1)</script>`${alert(2)}`\u2028"}
    literal = js_literal(value)
    assert "</" not in literal and "<" not in literal and "\u2028" not in literal
    assert json.loads(literal) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Estonia", "Estonia"),
        (True, True),
    ],
)
def test_csv_cells_cannot_become_formulas(value, expected):
    assert csv_cell(value) == expected


def test_markdown_table_cells_are_literal_and_cannot_add_columns():
    table = markdown_table(["State", "Status"], [["A|B", "*bound*"], ["<b>x</b>", "[y](z)"]])
    lines = table.splitlines()
    assert lines[:2] == ["| State | Status |", "| --- | --- |"]
    for line in lines[2:]:
        assert line.replace("\\|", "").count("|") == 3  # two cells, whatever the text
    assert "\\*bound\\*" in lines[2]
    assert "<b>" not in table and "](" not in table


def test_markdown_source_links_only_http_and_keeps_text_literal():
    line = markdown_source("A [title]", "https://example.org/a", "*Pub*", "2025", prefix="Also: ")
    assert line == "Also\\: [A \\[title\\]](https://example.org/a) · \\*Pub\\*\\, 2025"
    unsafe = markdown_source("T", "javascript:alert(1)", "P", None)
    assert "javascript" not in unsafe and unsafe.startswith("T · P")
