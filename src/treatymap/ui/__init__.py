"""The Streamlit page: the only package that imports streamlit and streamlit_folium.

``state`` keeps the view in the session and the URL (and follows the browser's Back and
Forward), ``widgets`` holds the page's own markup, ``panels`` the parts beside and below the
map, ``publish`` the link, citation, embed code and downloads, and ``page`` lays them out.
Everything they show is computed below this package (:mod:`treatymap.view`).
"""

from treatymap.ui.page import main

__all__ = ["main"]
