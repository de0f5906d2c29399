"""geodata/README.md's guide to recording a new event, followed step by step on a copy of the
bundled data: its example rows are appended as written, `check` accepts them, and the new
withdrawal shows in the status and on the page."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date

from page_support import whole_page

from treatymap.cli import main as cli
from treatymap.data import DEFAULT_DATA_DIR, load_dataset
from treatymap.status import status_on
from treatymap.view import build_atlas
from treatymap.vocab import Status

GUIDE = (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8")


def guide_rows() -> dict[str, list[str]]:
    """The example rows of each ```csv <file> block in the guide."""
    blocks: dict[str, list[str]] = {}
    for file, body in re.findall(r"```csv (\S+)\n(.*?)```", GUIDE, re.S):
        blocks.setdefault(file, []).extend(line for line in body.splitlines() if line.strip())
    return blocks


def test_the_guide_gives_a_row_for_each_table_it_asks_you_to_edit():
    assert set(guide_rows()) == {"sources.csv", "events.csv"}


def test_following_the_guide_records_a_withdrawal_that_the_page_shows(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    for file, rows in guide_rows().items():
        with (data / file).open("a", encoding="utf-8") as handle:
            handle.write("\n".join(rows) + "\n")
    out = io.StringIO()
    assert cli(["check", "--data-dir", str(data)], out=out) == 0, out.getvalue()
    assert out.getvalue().startswith("ok:")

    atlas = build_atlas(load_dataset(data), "test")
    norway = atlas.dates["ccm"]["NOR"]
    assert status_on(norway, date(2027, 1, 14)).status is Status.STATE_PARTY
    assert status_on(norway, date(2027, 1, 15)).status is Status.WITHDRAWAL_PENDING
    assert status_on(norway, date(2027, 7, 15)).status is Status.WITHDRAWN  # six months on

    monkeypatch.setenv("TREATYMAP_DATA_DIR", str(data))
    monkeypatch.setenv("TREATYMAP_TODAY", "2027-08-01")
    at = whole_page(90)
    at.query_params.update({"treaty": "ccm", "date": "2027-08-01", "country": "NOR"})
    at.run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Withdrawn (no longer bound) since 15 July 2027" in shown
    assert "received by the Secretary-General on 15 January 2027" in shown
