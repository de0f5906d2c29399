"""What every benchmark shares: servers on 127.0.0.1, Chromium flags, pinned date, statistics.

Nothing here times anything by itself; `run.py` and `scale_out.py` do.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser_support import CHROMIUM, CHROMIUM_FLAGS, TODAY, Server, free_port

#: Shared with the browser tests (tests/browser_support.py), re-exported for the benchmarks.
__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "TODAY", "Server", "free_port"]

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
ARTIFACTS = ROOT / "tests" / "artifacts" / "bench"  # git-ignored, beside the browser tests' own
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def app_home(script: Path) -> Path:
    """A temporary folder holding ``script`` and ``static/``, both symlinks into the repository.

    Streamlit serves ``static/`` from beside the *main script* (``os.path.abspath``, symlinks not
    resolved), so a script kept in ``benchmarks/`` is started from here to find the repository's
    ``static/`` (Leaflet and the boundaries, written there by ``treatymap.assets``).
    """
    home = Path(tempfile.mkdtemp(prefix="treatymap-bench-"))
    (home / script.name).symlink_to(script)
    (home / "static").symlink_to(ROOT / "static", target_is_directory=True)
    return home


def start_server(script: Path = ROOT / "app.py", log_name: str | None = None, **kwargs) -> Server:
    """The tests' server (tests/browser_support.py), logging into the benchmark's folder."""
    log = ARTIFACTS / log_name if log_name else None
    return Server(script=script, log=log, **kwargs)


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    """The ``q`` percentile (0-100), nearest-rank: the value at or above which 100-q % lie."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n * q / 100)
    return float(ordered[int(rank) - 1])


def boundary_count() -> int:
    """How many shapes a fully drawn map has (one SVG path per boundary feature)."""
    import json

    from treatymap.data import DEFAULT_DATA_DIR

    text = (DEFAULT_DATA_DIR / "boundaries.geojson").read_text(encoding="utf-8")
    return len(json.loads(text)["features"])
