"""Cite a view: the data version, and a citation as plain text or BibTeX (pure, no Streamlit).

The data version is a short content hash of the bundled files, so two readers quoting the same
version saw the same record; any change to any byte of any data file gives a new version.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from treatymap.i18n import N_, Words, words_for
from treatymap.schemas import BOUNDARIES_FILE, TABLES
from treatymap.textsafe import safe_url
from treatymap.url_state import Focus, ViewState, view_params

#: The files whose bytes make up the data version, in the order they are hashed.
DATA_FILES: tuple[str, ...] = tuple(sorted([*(t.file for t in TABLES), BOUNDARIES_FILE]))

#: How many hex digits of the SHA-256 are shown (48 bits: no accidental collision in practice).
VERSION_LENGTH = 12


def dashboard_title(treaty_name: str, w: Words | None = None) -> str:
    """The dashboard's name, as a citation gives it, for the treaty of the view."""
    return (w or words_for())._(
        "treatymap: who is bound by the {treaty}", treaty=_flat(treaty_name)
    )


#: What each focus shows, in words for a citation or a caption.
FOCUS_LABEL: dict[Focus, str] = {
    Focus.BORDER: N_("map of states bordering Russia and Belarus"),
    Focus.EUROPE: N_("map of Europe"),
    Focus.WORLD: N_("map of the world"),
}


def data_version(directory: str | Path) -> str:
    """First 12 hex digits of a SHA-256 over the data files' names, lengths and bytes.

    Files are taken in sorted order; a missing file counts as a distinct marker, so removing one
    also changes the version. Files other than :data:`DATA_FILES` (provenance notes, the build
    script) do not count.
    """
    digest = hashlib.sha256()
    root = Path(directory)
    for name in DATA_FILES:
        path = root / name
        digest.update(name.encode("utf-8") + b"\0")
        if path.is_file():
            content = path.read_bytes()
            digest.update(str(len(content)).encode("ascii") + b"\0")
            digest.update(content)
        else:
            digest.update(b"missing\0")
    return digest.hexdigest()[:VERSION_LENGTH]


def permalink(base_url: str, view: ViewState) -> str:
    """The link that reproduces ``view`` (date always pinned) under the dashboard's address."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode(view_params(view))}"


def _view_words(view: ViewState, country_name: str | None, w: Words) -> str:
    """``Status as of 27 December 2025, map of Europe, Estonia selected``; in compare mode
    ``Status on 1 March 2026 compared with 1 March 2025, …``."""
    when = w._("Status as of {day}", day=w.date(view.date))
    if view.compare:
        other = view.compare[0] if view.date == view.compare[1] else view.compare[1]
        when = w._(
            "Status on {day} compared with {other}", day=w.date(view.date), other=w.date(other)
        )
    parts = [when, w._(FOCUS_LABEL[view.focus])]
    if view.country:
        parts.append(w._("{state} selected", state=_flat(country_name or view.country)))
    return ", ".join(parts)


def _flat(text: str) -> str:
    """One line of text: any run of whitespace becomes one space."""
    return " ".join(str(text).split())


def citation_text(
    view: ViewState,
    permalink: str | None,
    version: str,
    accessed: date,
    *,
    treaty_name: str,
    country_name: str | None = None,
    w: Words | None = None,
) -> str:
    """A citation to paste: the dashboard, the view's as-of date, the data version, the link.

    ``treatymap: who is bound by the Ottawa Convention. Status as of 27 December 2025, map of
    states bordering Russia and Belarus. Data version 0123456789ab.
    https://…?date=2025-12-27 (accessed 22 November 2026).``
    """
    w = w or words_for()
    text = f"{dashboard_title(treaty_name, w)}. {_view_words(view, country_name, w)}. "
    text += w._("Data version {version}.", version=_flat(version))
    link = safe_url(permalink) if permalink else None
    if link:
        text += f" {link}"
    return text + " " + w._("(accessed {day}).", day=w.date(accessed))


#: LaTeX's special characters and how BibTeX text writes each one literally.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_~^]")


def bibtex_escape(text: str) -> str:
    """``text`` as literal BibTeX/LaTeX text: specials escaped, line breaks flattened."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group(0)], _flat(text))


def _bibtex_url(url: str | None) -> str | None:
    """A URL for the verbatim ``url`` field: http(s) only, nothing that can unbalance braces.

    :func:`treatymap.textsafe.safe_url` already percent-encodes braces, backslashes, spaces and
    ``^``; ``%`` and ``#`` stay as they are, as biblatex and natbib read this field verbatim.
    """
    link = safe_url(url) if url else None
    if link is None or any(ch in link for ch in "{}\\ \n"):
        return None
    return link


def citation_bibtex(
    view: ViewState,
    permalink: str | None,
    version: str,
    accessed: date,
    *,
    treaty_id: str,
    treaty_name: str,
    country_name: str | None = None,
    w: Words | None = None,
) -> str:
    """The same citation as a BibTeX ``@misc`` entry (for biblatex or natbib styles), keyed
    ``treatymap-<treaty id>-<day>`` (and ``-vs-<other day>`` in compare mode), as the files of
    the view are named.

    Every text field is escaped with :func:`bibtex_escape`; the ``url`` field holds the
    permalink only when it is an http(s) URL (see :func:`_bibtex_url`).
    """
    key = f"treatymap-{treaty_id}-{view.date.isoformat()}"
    if view.compare:
        other = view.compare[0] if view.date == view.compare[1] else view.compare[1]
        key += f"-vs-{other.isoformat()}"
    w = w or words_for()
    note = f"{_view_words(view, country_name, w)}. " + w._(
        "Data version {version}.", version=_flat(version)
    )
    fields = [
        ("title", "{" + bibtex_escape(dashboard_title(treaty_name, w)) + "}"),
        ("note", bibtex_escape(note)),
        ("year", str(accessed.year)),
        ("urldate", accessed.isoformat()),
    ]
    link = _bibtex_url(permalink)
    if link:
        fields.append(("url", link))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"
