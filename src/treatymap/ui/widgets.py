"""The page's own markup: its style sheet, a copy button and a jump to a heading. The one
place ``st.html`` is used.

Nothing from a data file or a URL reaches these strings unescaped: :func:`copy_button` puts its
text into a ``data-`` attribute as base64 (Streamlit's sanitiser rewrote an attribute holding
markup, such as an embed code, and the button then copied "null"), which a script decodes as
text, never as markup; every other value goes through :func:`html.escape`.
"""

from __future__ import annotations

import base64
import html

import streamlit as st

from treatymap.i18n import Words
from treatymap.style import MARK, PAPER, RULE, TEXT, TEXT_SOFT, legend_css
from treatymap.view import View
from treatymap.webpage import PHONE_MAP_HEIGHT

#: Streamlit's defaults, adjusted for WCAG 2.1 AA and for a phone's first screen: captions and
#: quotes dark enough (4.5:1), a visible focus ring, less empty space above the title, and no
#: Play control for readers who asked their system to reduce motion (stepping stays).
PAGE_CSS = f"""
<style>
.stMainBlockContainer, [data-testid="stMainBlockContainer"] {{ padding-top: 3.6rem; }}
.tm-legend {{ display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 0; padding: 0;
  list-style: none; font-size: .85rem; color: {TEXT}; }}
.tm-legend li {{ display: flex; align-items: center; gap: 6px; }}
.tm-sw {{ width: 18px; height: 12px; flex: none; box-sizing: border-box; }}
{legend_css("tm-sw")}
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {{
  color: {TEXT_SOFT} !important; }}
[data-testid="stMarkdownContainer"] blockquote {{ color: {TEXT}; border-left-color: {RULE}; }}
[data-testid="stWidgetLabel"] p {{ color: {TEXT}; }}
:focus-visible {{ outline: 3px solid {MARK["selected"].line.colour} !important;
  outline-offset: 2px; }}
/* The slider's thumb: Streamlit's pale halo (2.2:1 on white) becomes the page's ring. */
[data-testid="stSlider"] [role="slider"]:focus,
[data-testid="stSlider"] [role="slider"]:focus-visible {{ box-shadow: none !important;
  outline: 3px solid {MARK["selected"].line.colour} !important; outline-offset: 2px; }}
/* No control cuts its words short: labels, figures, buttons and the treaty's buttons wrap. */
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div,
[data-testid="stMetricDelta"] div {{ white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }}
[data-testid="stMetricLabel"], [data-testid="stMetricDelta"] {{ overflow: visible !important; }}
.stButton button p, [data-testid="stBaseButton-secondary"] p {{ white-space: normal;
  overflow-wrap: anywhere; }}
[data-testid="stButtonGroup"] [role="radiogroup"], [data-testid="stButtonGroup"] > div {{
  gap: 4px; }}
[data-testid="stButtonGroup"] button {{ border-radius: .5rem !important; margin: 0 !important;
  border-width: 1px !important; border-style: solid !important; }}
.tm-state-line {{ margin: .1rem 0 0; font-size: 1rem; color: {TEXT}; }}
.tm-state-line a {{ white-space: nowrap; }}
/* On a phone the map and the selected state's line come first: the sentence follows them, and
   the map is shorter, so a link naming a state answers on the first screen. */
@media (max-width: 640px) {{
  [data-testid="stVerticalBlock"]:has(> [data-testid="stLayoutWrapper"] > .st-key-tm_summary) {{
    display: flex; flex-direction: column; }}
  [data-testid="stLayoutWrapper"]:has(> .st-key-tm_summary) {{ order: 2; }}
  [data-testid="stLayoutWrapper"]:has(> .st-key-tm_legend) {{ order: 3; }}
  [data-testid="stLayoutWrapper"]:has(> .st-key-tm_under_map) {{ order: 4; }}
  iframe[title="streamlit_folium.st_folium"] {{ height: {PHONE_MAP_HEIGHT}px !important; }}
  [data-testid="stButtonGroup"] button {{ min-height: 2rem; padding: .15rem .55rem; }}
  [data-testid="stButtonGroup"] button p {{ font-size: .85rem; }}
}}
h1 {{ font-size: clamp(1.55rem, 4.2vw, 2.3rem) !important; padding-top: 0 !important; }}
.tm-copy button {{ font: inherit; padding: .3rem .75rem; border: 1px solid {TEXT_SOFT};
  border-radius: .4rem; background: {PAPER}; color: {TEXT}; cursor: pointer; }}
.tm-copy span {{ margin-left: .6rem; font-size: .85rem; color: {TEXT_SOFT}; }}
@media (prefers-reduced-motion: reduce) {{
  .st-key-play_control {{ display: none; }}
  * {{ scroll-behavior: auto !important; transition: none !important; animation: none !important; }}
}}
</style>
"""

_COPY_SCRIPT = """
<script>
(function () {
  document.querySelectorAll(".tm-copy button:not([data-ready])").forEach(function (button) {
    button.setAttribute("data-ready", "1");
    button.addEventListener("click", function () {
      var bytes = atob(button.getAttribute("data-copy-base64") || "");
      var text = new TextDecoder().decode(Uint8Array.from(bytes, function (c) {
        return c.charCodeAt(0); }));
      var said = button.nextElementSibling;
      function done(ok) {
        said.textContent = button.getAttribute(ok ? "data-said-copied" : "data-said-select");
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); },
                                                 function () { done(false); });
      } else {
        var area = document.createElement("textarea");
        area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed";
        area.style.opacity = "0"; document.body.appendChild(area); area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(area); done(ok);
      }
    });
  });
})();
</script>
"""


def page_style() -> None:
    """The page's style sheet (constant markup, no data)."""
    st.html(PAGE_CSS)


def legend(view: View) -> None:
    """The map's legend under the map (the map's own starts folded, so it hides nothing):
    every status with its count that day, and every outline on the map."""
    # No day in its name: the headline above says it, and an unchanged element is not
    # re-rendered on a slider step.
    title = view.words._(
        "Legend: what the map's colours, patterns and outlines mean, with the states in each"
    )
    rows = view.legend()
    st.html(
        f'<ul class="tm-legend" aria-label="{html.escape(title)}">'
        f"{''.join(escaped_item(cls, words) for cls, words in rows)}</ul>"
    )


def escaped_item(cls: str, words: str) -> str:
    """One legend row: a swatch of class ``cls`` and ``words``, both escaped."""
    return (
        f'<li><span class="tm-sw tm-sw-{html.escape(cls)}" aria-hidden="true"></span>'
        f"{html.escape(words)}</li>"
    )


def copy_button(text: str, label: str, w: Words) -> None:
    """A button that copies ``text`` (base64 in an attribute), with a spoken confirmation in
    the reader's language."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    copied, select = w._("Copied"), w._("Select the text above to copy")
    markup = (
        f'<div class="tm-copy"><button type="button" data-copy-base64="{html.escape(encoded)}" '
        f'data-said-copied="{html.escape(copied)}" data-said-select="{html.escape(select)}">'
        f'{html.escape(label)}</button><span role="status" aria-live="polite"></span></div>'
    )
    st.html(markup + _COPY_SCRIPT, unsafe_allow_javascript=True)


_JUMP_SCRIPT = """
<script>
(function () {
  document.querySelectorAll("a[data-tm-jump]:not([data-ready])").forEach(function (link) {
    link.setAttribute("data-ready", "1");
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("data-tm-jump"));
      if (!target) { return; }
      event.preventDefault();  // no hash in the address: the link stays the view's link
      target.setAttribute("tabindex", "-1");
      target.scrollIntoView({block: "start"});
      target.focus({preventScroll: true});
    });
  });
})();
</script>
"""


def jump_line(words: str, link: str, target: str) -> None:
    """A line of text ending in a link to the heading with id ``target`` on this page; a tap
    scrolls there (and moves the keyboard's focus) without changing the address."""
    markup = (
        f'<p class="tm-state-line">{html.escape(words)} · <a href="#{html.escape(target)}" '
        f'data-tm-jump="{html.escape(target)}">{html.escape(link)}</a></p>'
    )
    st.html(markup + _JUMP_SCRIPT, unsafe_allow_javascript=True)


_HEIGHT_SCRIPT = """
<script>
(function () {
  if (window.parent === window || window.__tmHeight) { return; }
  window.__tmHeight = true;
  var box = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!box || !window.ResizeObserver) { return; }
  var last = 0;
  new ResizeObserver(function () {
    var height = Math.ceil(box.getBoundingClientRect().height);
    if (Math.abs(height - last) < 2) { return; }
    last = height;
    window.parent.postMessage({type: "treatymap:height", height: height}, "*");
  }).observe(box);
})();
</script>
"""


def tell_the_host_our_height() -> None:
    """In an embedded view: tell the host page how tall the content is, whenever that changes,
    so that the embed code's few lines make its frame that tall (no inner scrollbar). Only a
    height is sent, to whichever page embeds us."""
    st.html(_HEIGHT_SCRIPT, unsafe_allow_javascript=True)


_LANGUAGE_SCRIPT = """
<script>
(function () {
  var marks = document.querySelectorAll("[data-tm-lang]");
  var lang = marks.length ? marks[marks.length - 1].getAttribute("data-tm-lang") : null;
  if (lang && document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
})();
</script>
"""


def page_language(lang: str) -> None:
    """The page's ``<html lang>`` follows the reader's language when it changes on the page
    (the view's address gives the first one in its own HTML)."""
    marker = f'<span hidden data-tm-lang="{html.escape(lang)}"></span>'
    st.html(marker + _LANGUAGE_SCRIPT, unsafe_allow_javascript=True)
