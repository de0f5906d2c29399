"""The Streamlit page: the only module that imports streamlit. Caching lives here.

For now a preview: every state's status on a chosen date, from the validated record. The map
comes with the dashboard issue; invalid data already gets a clear error page, never a
partly-wrong view.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from treatymap.checks import Dataset, load_dataset
from treatymap.cli import status_rows
from treatymap.data import data_dir
from treatymap.problems import DataError
from treatymap.vocab import STATUS_LABEL, Status


@st.cache_resource(show_spinner="Loading the treaty record…")
def _dataset(directory: str) -> Dataset:
    """Load, validate and join once per process and data directory."""
    return load_dataset(directory)


def main() -> None:
    """Lay out the page."""
    st.set_page_config(page_title="treatymap: Ottawa Convention", layout="wide")
    st.title("Who is bound by the Ottawa Convention?")
    try:
        dataset = _dataset(str(data_dir()))
    except DataError as error:
        _error_page(error)
        return
    record = dataset.record
    treaty = record.treaties["ottawa"]
    on = st.date_input(
        "Status on",
        value=date.today(),
        min_value=treaty.opened_for_signature,
        max_value=date(2030, 12, 31),
        format="YYYY-MM-DD",
    )
    table = pd.DataFrame(status_rows(record, on))
    table["status"] = table["status"].map(lambda s: STATUS_LABEL[Status(s)])
    bound = int(table["bound"].sum())
    st.metric("States bound by the Convention", bound)
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(
        f"{len(record.states)} states, {len(record.events)} sourced events, "
        f"{len(record.sources)} sources. The interactive map is on its way."
    )


def _error_page(error: DataError) -> None:
    """Refuse invalid data with the same messages as ``python -m treatymap check``."""
    st.error(
        f"The bundled data has {len(error.problems)} problem(s), so nothing is shown rather "
        "than a partly wrong view. Run `python -m treatymap check` for the same list."
    )
    st.code("\n".join(str(p) for p in error.problems), language=None)
