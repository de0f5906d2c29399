"""treatymap: the entry point. Thin: the page lives in treatymap.ui, the view's web addresses in
treatymap.web.

`streamlit run app.py` finds the `app` below (an st.App: Streamlit's own ASGI app, with our
routes matched before its own) and serves it; each reader's session then runs this same file as
its script, where `__name__` is "__main__" and the page is laid out.
"""

try:
    import treatymap  # noqa: F401
except ModuleNotFoundError:  # a host that installs requirements.txt but not the package itself
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

import streamlit as st

if __name__ == "__main__":
    from treatymap.ui import main

    main()
else:
    from treatymap.web import lifespan, routes

    app = st.App(__file__, routes=routes(), lifespan=lifespan)
