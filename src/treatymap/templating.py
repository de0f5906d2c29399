"""HTML pages from templates (Jinja2), every value escaped unless the template says it is our own
markup. The view's web page and its first view are written here, not in f-strings."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined


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
