"""``app.py`` with a stopwatch: each script run appends its duration to a file.

    TREATYMAP_BENCH_RERUNS=/tmp/runs.txt streamlit run <home>/timed_app.py

One line per run: ``<milliseconds> <outcome>`` where outcome is ``ok`` or the name of the
exception that ended the run (``RerunException`` and ``StopException`` are Streamlit's own
control flow). With ``TREATYMAP_BENCH_PROFILE=<dir>`` every run is also profiled with
pyinstrument into ``<dir>/run-<n>.txt`` and ``.html``. Used by ``benchmarks/run.py`` for
``rerun_ms`` and ``reruns_per_pan``; ``benchmarks/harness.app_home`` starts it beside a symlink to
the repository's ``static/``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from treatymap.ui import main

log = os.environ.get("TREATYMAP_BENCH_RERUNS")
profile_dir = os.environ.get("TREATYMAP_BENCH_PROFILE")
profiler = None
if profile_dir:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
outcome = "ok"
started = time.perf_counter()
try:
    main()
except BaseException as error:
    outcome = type(error).__name__
    raise
finally:
    elapsed = (time.perf_counter() - started) * 1000
    if log:
        with open(log, "a", encoding="utf-8") as sink:
            sink.write(f"{elapsed:.2f} {outcome}\n")
    if profiler is not None and profile_dir:
        profiler.stop()
        directory = Path(profile_dir)
        directory.mkdir(parents=True, exist_ok=True)
        n = len(list(directory.glob("run-*.txt")))
        (directory / f"run-{n:03d}.txt").write_text(
            profiler.output_text(unicode=True, color=False, show_all=False)
        )
        (directory / f"run-{n:03d}.html").write_text(profiler.output_html())
