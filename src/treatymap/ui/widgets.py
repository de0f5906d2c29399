"""The page's own markup: its style sheet and a copy button. The one place ``st.html`` is used.

Nothing from a data file or a URL reaches these strings unescaped: :func:`copy_button` puts its
text through :func:`html.escape` into a ``data-`` attribute that a script reads as text
(``textContent``/``dataset``), never as markup.
"""

from __future__ import annotations

import html

import streamlit as st

from treatymap.style import MARK, PAPER, RULE, TEXT, TEXT_SOFT, legend_css
from treatymap.view import View

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
      var text = button.getAttribute("data-copy"), said = button.nextElementSibling;
      function done(ok) { said.textContent = ok ? "Copied" : "Select the text above to copy"; }
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
    marks = ["noted", "front", "ref"]
    if view.changes:
        marks.append("changed")
    if view.country:
        marks.append("selected")
    # No day in its name: the headline above says it, and an unchanged element is not
    # re-rendered on a slider step.
    title = "Legend: what the map's colours, patterns and outlines mean, with the states in each"
    rows = view.legend(marks)
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


def copy_button(text: str, label: str) -> None:
    """A button that copies ``text`` (escaped into an attribute), with a spoken confirmation."""
    markup = (
        f'<div class="tm-copy"><button type="button" data-copy="{html.escape(text, quote=True)}">'
        f'{html.escape(label)}</button><span role="status" aria-live="polite"></span></div>'
    )
    st.html(markup + _COPY_SCRIPT, unsafe_allow_javascript=True)
