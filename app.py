"""treatymap: the Streamlit entry point. Page layout lives in treatymap.ui; this file stays thin."""

try:
    from treatymap.ui import main
except ModuleNotFoundError:  # a host that installs requirements.txt but not the package itself
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    from treatymap.ui import main

main()
