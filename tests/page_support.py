"""The page under Streamlit's AppTest as a reader's browser shows it once the map is drawn.

In a browser, a session's first run lays out the top of the page and the map alone, and the
map asks for the rest once it is drawn (``treatymap.ui.state.map_first``). AppTest has no map
to ask, so :func:`whole_page` starts its session past that first run;
``test_app.py::test_a_sessions_first_run_lays_out_the_map_then_the_rest`` tests the two runs.
"""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from treatymap.ui.state import WHOLE_PAGE

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def whole_page(timeout: int = 60) -> AppTest:
    """``app.py`` under AppTest, laying out the whole page from its first run."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.session_state[WHOLE_PAGE] = True
    return at
