"""Files a reader takes away: the status table as CSV or JSON, the joined map layer as GeoJSON.

The CLI's ``status`` command and the app's download button write the same bytes, so a number
quoted from one can be checked against the other.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping

import geopandas as gpd
import pandas as pd

from treatymap.explain import political_note, status_label
from treatymap.i18n import N_, Words, words_for
from treatymap.model import Record
from treatymap.status import StateStatus
from treatymap.textsafe import csv_cell

#: Columns of the status table, in the order the page's table shows them (the status both in
#: words and as a code), then the treaty; with the heading each has on the page. The columns
#: and the codes are an interface, the same in every language; the name, the status's words and
#: the note are in the reader's.
STATUS_HEADINGS: dict[str, str] = {
    "name": N_("State"),
    "iso3": N_("Code"),
    "status_label": N_("Status"),
    "status": N_("Status code"),
    "since": N_("Since"),
    "bound": N_("Bound"),
    "border_state": N_("Border state"),
    "note": N_("Political note"),
    "treaty_id": N_("Treaty"),
}
STATUS_COLUMNS: tuple[str, ...] = tuple(STATUS_HEADINGS)


def status_rows(
    record: Record,
    treaty_id: str,
    statuses: Iterable[StateStatus],
    frontline: Iterable[str] = (),
    w: Words | None = None,
    names: Mapping[str, str] | None = None,
) -> list[dict[str, object]]:
    """One row a state, in name order: treaty, code, name, status (code and words), bound, the
    day the status began, the political note, and whether it has a land border with Russia or
    Belarus; ``names`` and the words in the reader's language (English by default)."""
    w = w or words_for()
    names = names or record.state_names()
    treaty = record.treaties[treaty_id]
    front = set(frontline)
    rows: list[dict[str, object]] = [
        {
            "treaty_id": treaty_id,
            "iso3": s.iso3,
            "name": names[s.iso3],
            "status": s.status.value,
            "status_label": status_label(s.status, w),
            "bound": s.bound,
            "since": s.since.isoformat() if s.since else "",
            "note": political_note(s, treaty, w) or "",
            "border_state": s.iso3 in front,
        }
        for s in statuses
    ]
    return sorted(rows, key=lambda r: w.sort_key(str(r["name"])))


def status_csv(rows: Iterable[dict[str, object]]) -> str:
    """The rows as CSV; no cell can become a spreadsheet formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=STATUS_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {key: csv_cell(value) for key, value in row.items()}
        cells["bound"] = "true" if row["bound"] else "false"
        cells["border_state"] = "true" if row["border_state"] else "false"
        writer.writerow(cells)
    return buffer.getvalue()


def map_layer_geojson(boundaries: gpd.GeoDataFrame, rows: Iterable[dict[str, object]]) -> str:
    """The boundaries joined with one day's status rows, as GeoJSON (WGS 84).

    Every feature keeps its code, name and whether it is a participant; participants also carry
    status, bound, note and since. Non-participants have no status.
    """
    table = pd.DataFrame(list(rows), columns=list(STATUS_COLUMNS)).drop(columns="name")
    table["bound"] = table["bound"].astype("boolean")
    table["border_state"] = table["border_state"].astype("boolean")
    layer = boundaries[["iso3", "name", "participant", "sovereign_iso3", "geometry"]].merge(
        table, on="iso3", how="left"
    )
    layer["bound"] = layer["bound"].astype("boolean")
    return layer.to_json(drop_id=True, na="null")


def status_json(rows: Iterable[dict[str, object]]) -> str:
    """The rows as a JSON array, one object a state."""
    return json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n"
