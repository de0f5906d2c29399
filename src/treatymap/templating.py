"""HTML pages from templates (Jinja2), every value escaped unless the template says it is our own
markup. The view's web page and its first view are written here, not in f-strings."""

from __future__ import annotations

import functools
from collections.abc import Callable

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from treatymap.i18n import Words


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("treatymap", "templates"),
        autoescape=True,  # every value is text; our own markup is marked with ``| safe``
        undefined=StrictUndefined,  # a misspelt name fails, it does not print nothing
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **values: object) -> str:
    """The template ``templates/<name>`` filled with ``values`` (each escaped as HTML text)."""
    return _environment().get_template(name).render(**values)


def words(w: Words) -> dict[str, Callable[..., Markup]]:
    """``_`` and ``ngettext`` for a template, in the reader's language: the message is text
    (escaped), each value escaped unless it is our own markup (a ``<time>`` element)."""

    def gettext(message: str, **values: object) -> Markup:
        return Markup.escape(w.translations.gettext(message)).format(**values)

    def ngettext(singular: str, plural: str, n: int, **values: object) -> Markup:
        text = w.translations.ngettext(singular, plural, n)
        return Markup.escape(text).format(n=w.number(n), **values)

    return {"_": gettext, "ngettext": ngettext}
