"""Browser figures for the real app only (first render, slider -> recolour, click -> panel, bytes).

    .venv/bin/python benchmarks/browser_figures.py [--runs 5]

Kept for habit: ``benchmarks/run.py`` measures all of this and more, side by side with the
naive app. Not part of ``make test``: tests never time things.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import measure
from harness import boundary_count, start_server
from run import browser_medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with start_server() as server:
        figures = browser_medians(measure(server.url, boundary_count(), args.runs, real=True))
    print(f"medians over {args.runs} runs (headless Chromium, 127.0.0.1)")
    for key, value in figures.items():
        print(f"  {key:32s} {value!s:>12s}")


if __name__ == "__main__":
    main()
