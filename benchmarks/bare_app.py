"""The floor: a bare Streamlit page with a title and one date slider, nothing of treatymap's.

Every Streamlit page pays for what this one loads; the first-view benchmark
(``benchmarks/first_view.py``) measures treatymap against it in the same run. It writes the
slider's day back, so a slider step can be timed to the reply, like the dashboard's map.
"""

from datetime import date, timedelta

import streamlit as st

st.title("A bare Streamlit page")
day = st.slider(
    "Date",
    min_value=date(1997, 12, 3),
    max_value=date(2026, 11, 22),
    value=date(2026, 1, 9),
    step=timedelta(days=1),
    format="D MMM YYYY",
)
st.markdown(f"Chosen: **{day.isoformat()}**")
