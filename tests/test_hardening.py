"""Hostile links, hostile text and a busy process leave the page standing and the data whole.

* Arbitrary query parameters (hypothesis) never raise, always show a sane view, name what was
  ignored, and the URL is rewritten to the view actually shown.
* No code path hands text to HTML or Markdown unescaped (checked on the source, by AST).
* Several views in one process never change the cached tables.
"""

from __future__ import annotations

import ast
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from page_support import whole_page
from streamlit.testing.v1 import AppTest

from treatymap.data import load_dataset
from treatymap.url_state import KNOWN_KEYS

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "treatymap"
TODAY = date(2026, 11, 22)
FIRST_DAY = date(1997, 12, 3)

HOSTILE_VALUES = [
    "",
    "\x00",
    "\ufffd\ufffd",  # what invalid UTF-8 decodes to
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "**bold** [x](javascript:alert(1))",
    "${alert(1)}`",
    "2025-02-30",
    "1900-01-01",
    "9999-12-31",
    "est",
    "EST",
    "\u202eRTL\u0301",
]
values = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=60), st.dates().map(str))
keys = st.one_of(
    st.sampled_from(["treaty", "date", "country", "focus", "compare", "tab", "feed", "states"]),
    st.text(min_size=1, max_size=12),
)
params_strategy = st.dictionaries(keys, st.lists(values, min_size=1, max_size=3), max_size=5)


@pytest.fixture(autouse=True)
def world(make_world, monkeypatch) -> Path:
    """Every test here runs on the small world (tests/conftest.py) unless it sets its own."""
    directory = make_world()
    monkeypatch.setenv("TREATYMAP_TODAY", TODAY.isoformat())
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    return directory


def run_with(params: dict[str, list[str]]) -> AppTest:
    at = whole_page()
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


DEFAULTS = {"treaty": "ottawa", "focus": "border", "tab": "history"}


def taken_as_given(params: dict[str, list[str]], written: dict[str, str]) -> bool:
    """Whether the URL asked for exactly the view that was shown (then no notice is due)."""
    for key, vals in params.items():
        if key not in KNOWN_KEYS or len(vals) != 1:
            return False
        if written.get(key, DEFAULTS.get(key, "")) != vals[0]:
            return False
    return True


def assert_sane(at: AppTest, params: dict[str, list[str]]) -> None:
    """The invariants every run must keep, whatever came in the URL."""
    assert not at.exception
    shown = at.slider(key="day").value
    assert FIRST_DAY <= shown <= TODAY
    written = dict(at.query_params)
    assert set(written) <= set(KNOWN_KEYS)
    assert written["date"] == shown.isoformat()
    if "country" in written:
        assert written["country"] == at.selectbox(key="country").value
    if not taken_as_given(params, written):
        assert at.warning, f"no notice for {repr(params)[:300]}"
    for warning in at.warning:
        assert len(warning.value) < 600


@settings(
    max_examples=int(os.environ.get("TREATYMAP_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(params=params_strategy)
def test_any_query_string_gives_a_sane_view(params):
    assert_sane(run_with(params), params)


def test_a_value_of_hundreds_of_kilobytes():
    params = {"country": ["<b>" + "A" * 200_000]}
    at = run_with(params)
    assert_sane(at, params)
    assert any("Unknown country code" in w.value for w in at.warning)
    assert all(len(w.value) < 600 for w in at.warning)


def test_a_query_string_streamlit_drops_still_gives_a_sane_rewritten_view():
    # Over 512 Ki characters Streamlit ignores the whole query string; the view is the default
    # and the URL is rewritten to it.
    params = {"date": ["2" * 300_000], "country": ["<" * 300_000]}
    at = run_with(params)
    assert not at.exception
    assert dict(at.query_params) == {"date": TODAY.isoformat()}


def test_a_thousand_fields():
    params = {f"k{i}": ["<b>x</b>"] for i in range(1000)}
    at = run_with(params)
    assert_sane(at, params)
    assert any("and 995 more" in w.value for w in at.warning)


# --- No unescaped text on the way to HTML or Markdown ------------------------------------------

#: Streamlit calls whose text argument is rendered as Markdown.
MARKDOWN_CALLS = {
    "markdown", "caption", "warning", "info", "error", "success", "subheader", "title",
    "header", "write", "toast", "metric", "expander", "tabs", "toggle", "button",
}  # fmt: skip
#: Functions whose result is safe to put into Markdown; besides these, any function named
#: ``md_*`` (its own return values are checked by the same rules, below).
SAFE_FUNCTIONS = {
    "markdown_literal",
    "markdown_link",
    "markdown_table",
    "markdown_source",
    "long_date",
    "len",
    "tab_label",  # ui.state: a tab's label, Markdown-literal (it is also the widget's value)
}


def _safe(node: ast.expr) -> bool:
    """Whether an expression can only produce escaped or constant text."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "join":
        joined = node.args[0] if node.args else None
        owner_ok = isinstance(node.func.value, ast.Constant)  # type: ignore[attr-defined]
        if owner_ok and isinstance(joined, (ast.GeneratorExp, ast.ListComp)):
            return _safe(joined.elt)
        return owner_ok and isinstance(joined, ast.expr) and _safe(joined)
    if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
        return _safe(node.elt)
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Name) and node.value.id.isupper()
    if isinstance(node, ast.JoinedStr):
        return all(_safe(v) for v in node.values)
    if isinstance(node, ast.FormattedValue):
        return _safe(node.value) or _is_number_format(node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _safe(node.left) and _safe(node.right)
    if isinstance(node, ast.Call):
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name == "get" and _constant_root(node.func):  # a lookup in a module constant
            return True
        return name in SAFE_FUNCTIONS or name.startswith("md_")
    if isinstance(node, ast.IfExp):
        return _safe(node.body) and _safe(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_safe(e) for e in node.elts)
    return isinstance(node, ast.Name) and node.id.isupper()  # module constants


def _constant_root(node: ast.expr) -> bool:
    """Whether an attribute or subscript chain starts at a module constant (UPPER_CASE)."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return isinstance(node, ast.Name) and node.id.isupper()


def _is_number_format(node: ast.FormattedValue) -> bool:
    spec = node.format_spec
    return spec is not None and any(
        isinstance(v, ast.Constant) and str(v.value).endswith(("f", "d", "%")) for v in spec.values
    )


def _violations(tree: ast.AST, filename: str) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("md_"):
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and ret.value is not None and not _safe(ret.value):
                    found.append(f"{filename}:{ret.lineno}: {node.name} returns unescaped text")
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        where = f"{filename}:{node.lineno}"
        for keyword in node.keywords:
            if keyword.arg == "unsafe_allow_html":
                found.append(f"{where}: unsafe_allow_html")
        if name in ("html",) and getattr(node.func, "value", None) is not None:
            found.append(f"{where}: st.html")
        owner = getattr(getattr(node.func, "value", None), "id", "")
        folium_owner = owner in ("folium", "features") or isinstance(node.func, ast.Name)
        if name in ("Tooltip", "Popup", "GeoJsonTooltip", "GeoJsonPopup") and folium_owner:
            found.append(f"{where}: folium {name} (values go into raw HTML)")
        if name in MARKDOWN_CALLS and owner in ("st", "a", "b", "c"):
            for arg in node.args[:1]:
                if not _safe(arg):
                    found.append(f"{where}: st.{name} with text that is not escaped")
    return found


#: The one module allowed to call st.html: it escapes every value it puts into markup.
HTML_MODULE = SRC / "ui" / "widgets.py"


def _python_sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_code_passes_unescaped_text_to_markdown_html_or_folium():
    problems = []
    for path in _python_sources():
        found = _violations(ast.parse(path.read_text(encoding="utf-8")), path.name)
        if path == HTML_MODULE:
            found = [f for f in found if not f.endswith(": st.html")]
        problems += found
    assert problems == []


def test_st_html_only_ever_gets_escaped_or_constant_markup():
    """In the one module that uses st.html, every formatted value is escaped or constant."""
    tree = ast.parse(HTML_MODULE.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            inner = node.value
            name = getattr(getattr(inner, "func", None), "attr", "") or getattr(
                getattr(inner, "func", None), "id", ""
            )
            if name == "join":  # joined items, each built by an escaped_* helper of the module
                item = inner.args[0]  # type: ignore[attr-defined]
                name = getattr(getattr(item, "elt", item), "func", ast.Name("")).id  # type: ignore[attr-defined]
                assert name.startswith("escaped_"), ast.unparse(node)
                continue
            assert name in {"escape", "legend_css"} or _constant_root(inner), ast.unparse(node)


@pytest.mark.parametrize(
    "snippet",
    [
        "st.markdown(event.excerpt)",
        "st.caption(f'Note: {event.note}')",
        "st.markdown(text, unsafe_allow_html=True)",
        "st.html(source.title)",
        "folium.Tooltip(name)",
        "GeoJsonPopup(fields=['name'])",
        "st.warning('x' + notice)",
        "def md_name(s):\n    return s.name",
        "st.markdown('\\n'.join(lines))",
    ],
)
def test_the_source_check_catches_each_unsafe_pattern(snippet):
    assert _violations(ast.parse(snippet), "example.py")


# --- Cached data is never changed by a session ------------------------------------------------


def test_cached_tables_are_unchanged_after_many_views(world):
    views = [
        {"date": ["2025-12-26"], "country": ["EST"]},
        {"date": ["2026-01-10"], "country": ["NOR"], "focus": ["world"], "treaty": ["ccm"]},
        {"date": ["1999-03-01"], "country": ["FRA"], "compare": ["1998-01-01..1999-03-01"]},
        {"country": ["POL"], "treaty": ["tri"], "tab": ["feed"]},
    ]
    for params in views:
        at = run_with(params)
        assert not at.exception
        at.toggle(key="show_table").set_value(True).run()
        at.session_state["map"] = {
            "last_active_drawing": {"properties": {"iso3": "POL", "click": "9"}}
        }
        at.run()
        assert not at.exception
    from treatymap.ui import page

    cached = page._loaded(str(world)).atlas
    fresh = load_dataset(world)
    assert cached.record == fresh.record
    assert cached.boundaries.equals(fresh.boundaries)
    assert list(cached.boundaries.columns) == list(fresh.boundaries.columns)
    with pytest.raises(TypeError):
        cached.record.sources["x"] = None  # read-only views
    with pytest.raises(TypeError):
        cached.dates["ottawa"]["EST"] = None  # type: ignore[index]


# --- Hostile text from the data, in every place it is shown -----------------------------------

HOSTILE_TEXT = [
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "**bold** _it_ # heading\n- list",
    "${alert(1)} `backtick` $x^2$",
    "\u202eRTL \u0635\u0648\u062a and combining a\u0301\u0302",
    "long " + "x" * 5000,
]


@pytest.mark.parametrize("hostile", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
@pytest.mark.parametrize("field", ["excerpt", "note", "title", "publisher", "name"])
def test_hostile_text_is_shown_literally_in_panel_and_feed(make_data, monkeypatch, hostile, field):
    from conftest import SOURCE, STATE_ROWS, event

    from treatymap.textsafe import markdown_literal

    signed = event("AAA", "signature", "1997-12-03")
    if field == "excerpt":
        signed["excerpt"] = f"{hostile} signed on 3 December 1997"
    if field == "note":
        signed["note"] = hostile
    source = {**SOURCE, **({field: hostile} if field in ("title", "publisher") else {})}
    states = [{**STATE_ROWS[0], "name": hostile}, *STATE_ROWS[1:]] if field == "name" else None
    directory = make_data(events=[signed], sources=[source], states=states)
    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(directory))
    at = run_with({"date": ["1999-06-01"], "country": ["AAA"]})
    assert not at.exception
    texts = [m.value for m in (*at.markdown, *at.caption, *at.subheader, *at.header)]
    escaped = markdown_literal(hostile)
    assert any(escaped in t for t in texts), "the text is shown"
    specials = set(hostile) & set("<>*_`[]$#")
    if specials:
        assert not any(hostile in t for t in texts), "never unescaped"
    # The same text in the source feed, and (names) in the status table as plain cells.
    at.session_state["side_tab"] = "Source feed"
    at.toggle(key="show_table").set_value(True).run()
    assert not at.exception
    feed = [m.value for m in (*at.markdown, *at.caption)]
    if field != "name":
        assert any(escaped in t for t in feed), "the feed shows it"
    if specials:
        assert not any(hostile in t for t in feed), "never unescaped in the feed"
    if field == "name":
        assert at.dataframe[0].value.set_index("Code").loc["AAA", "State"] == hostile
