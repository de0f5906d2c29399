"""treatymap: the Streamlit entry point. Page layout lives in treatymap.ui; this file stays thin."""

from treatymap.ui import main

main()
