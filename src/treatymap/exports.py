"""Files a reader takes away: the status table as CSV or JSON, the joined map layer as GeoJSON.

The CLI's ``status`` command and the app's download button write the same bytes, so a number
quoted from one can be checked against the other.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from treatymap.model import Record
from treatymap.status import StateStatus
from treatymap.textsafe import csv_cell

#: Columns of the status table, in order.
STATUS_COLUMNS = ("iso3", "name", "status", "bound", "note", "since")


def status_rows(record: Record, statuses: Iterable[StateStatus]) -> list[dict[str, object]]:
    """One row a state: code, name, status, bound, political note, the day the status began."""
    names = record.state_names()
    return [
        {
            "iso3": s.iso3,
            "name": names[s.iso3],
            "status": s.status.value,
            "bound": s.bound,
            "note": s.note or "",
            "since": s.since.isoformat() if s.since else "",
        }
        for s in statuses
    ]


def status_csv(rows: Iterable[dict[str, object]]) -> str:
    """The rows as CSV; no cell can become a spreadsheet formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=STATUS_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {key: csv_cell(value) for key, value in row.items()}
        cells["bound"] = "true" if row["bound"] else "false"
        writer.writerow(cells)
    return buffer.getvalue()


def map_layer_geojson(boundaries: gpd.GeoDataFrame, rows: Iterable[dict[str, object]]) -> str:
    """The boundaries joined with one day's status rows, as GeoJSON (WGS 84).

    Every feature keeps its code, name and whether it is a participant; participants also carry
    status, bound, note and since. Non-participants have no status.
    """
    table = pd.DataFrame(list(rows), columns=list(STATUS_COLUMNS)).drop(columns="name")
    layer = boundaries[["iso3", "name", "participant", "sovereign_iso3", "geometry"]].merge(
        table, on="iso3", how="left"
    )
    layer["bound"] = layer["bound"].astype("boolean")
    return layer.to_json(drop_id=True, na="null")


def status_json(rows: Iterable[dict[str, object]]) -> str:
    """The rows as a JSON array, one object a state."""
    return json.dumps(list(rows), ensure_ascii=False, indent=1) + "\n"
