"""treatymap: who is, and who no longer is, bound by the Ottawa Convention, on any date.

The package is layered so that everything below :mod:`treatymap.ui` runs without Streamlit
or folium: ``vocab`` (the treaty's words) -> ``schemas`` (one declaration per table) ->
``data`` (reading files) -> ``checks`` (rules across tables) -> ``status`` (legal status on a
date) -> ``geometry``.
"""

__version__ = "0.1.0"
