"""The README cannot drift from the project: its commands and figures are checked here."""

from __future__ import annotations

import re
from pathlib import Path

from treatymap.data import load_dataset

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
MAKEFILE = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")


def test_readme_opens_with_exactly_the_two_setup_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    assert re.search(r"^run:", MAKEFILE, re.M) and re.search(r"^test:", MAKEFILE, re.M)


def test_readme_figures_match_the_bundled_data():
    record = load_dataset().record
    expected = (
        f"{len(record.states)} states, {len(record.events)} events, {len(record.sources)} sources"
    )
    assert f"**{expected}**" in README


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.split("set -euo pipefail", 1)[1]
