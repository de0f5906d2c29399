#!/usr/bin/env python3
"""Build geodata/boundaries.geojson: one (Multi)Polygon per state or territory, EPSG:4326.

How to run, from the repository root, in the project's environment (Python 3.11+, shapely >= 2.1,
numpy, and the `treatymap` package itself; `npm` on PATH):

    python geodata/build_boundaries.py             # gets world-atlas with `npm pack`
    python geodata/build_boundaries.py --tarball world-atlas-2.0.2.tgz   # or a tarball you have

It downloads nothing but the pinned npm package world-atlas@2.0.2 (and checks the tarball's
sha512 integrity), decodes the TopoJSON itself (no GDAL needed) and writes
geodata/boundaries.geojson. The same inputs and library versions give a byte-identical file
(features sorted by iso3, fixed key order, fixed BUILD_DATE). Every check is a `check()`: the
build fails instead of writing a wrong file. Takes about 4 s.

Which features are participating states, and their names, come from geodata/states.csv (read
with treatymap's own reader), and the neighbour checks use treatymap.geometry.land_neighbours
with its NEIGHBOUR_TOLERANCE_DEG: the map file and the app cannot disagree on either.

Source: Natural Earth 4.1.0 "Admin 0 - Countries" at 1:50m (1:10m only for states missing at
1:50m: Tuvalu), as repackaged by npm world-atlas 2.0.2 (ISC), which only quantises
(geo2topo -q 1e5) and stitches the antimeridian (geostitch). Natural Earth is public domain.
See geodata/boundaries.provenance.md.

Modifications (also recorded in the output's top-level "provenance" member):
  * ISO 3166-1 numeric id -> alpha-3 through the tables below (no lookup at build time);
    names of participants from states.csv, of other features from the TERRITORIES table.
  * Features without an id get user-assigned codes: Kosovo XKX, Northern Cyprus XNC,
    Somaliland XSL, Siachen Glacier XSG. "Indian Ocean Ter." is split into Christmas Island
    CXR and Cocos (Keeling) Islands CCK. "Ashmore and Cartier Is." (which carries Australia's
    id 036) is merged into Australia.
  * Crimea (incl. Sevastopol), drawn inside Russia by Natural Earth, is moved to Ukraine
    (UN GA resolution 68/262). Kaliningrad stays in Russia.
  * Western Sahara: Natural Earth's "Morocco" includes the part of Western Sahara west of the
    berm. Everything of it south of 27 deg 40' N (the Morocco-Western Sahara boundary) is moved
    into Western Sahara (ESH), a Non-Self-Governing Territory on the UN's list.
  * Rings crossing the antimeridian are unwrapped and cut at +-180. Antarctica's circumpolar
    ring is closed through the South Pole and cut in two halves along 0 deg with a 0.002 deg
    gap, so that every part spans < 180 deg of longitude (Leaflet draws no band across the map)
    and the MultiPolygon stays valid. Geostitch's zero-area ring at lat -89.999 is dropped.
  * Russia, Fiji and Antarctica are "invalid" in the source only because of their +-180 jumps
    (valid once split); Tuvalu (1:10m) has a real ring self-intersection, repaired with
    make_valid(method="structure").
  * Simplification: shapely.coverage_simplify (GEOS CoverageSimplifier, Visvalingam-Whyatt;
    shared borders are simplified once, so neighbours keep touching with no gaps or slivers)
    with TOLERANCE degrees on all features together; then coordinates are rounded to 3
    decimals (~100 m) and re-validated.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Point, Polygon, box

from treatymap.data import read_table
from treatymap.geometry import NEIGHBOUR_TOLERANCE_DEG, land_neighbours
from treatymap.schemas import STATES

# -------------------------------------------------------------------------------------------------
# Pinned inputs and parameters
# -------------------------------------------------------------------------------------------------
PACKAGE = "world-atlas"
VERSION = "2.0.2"
INTEGRITY = (  # npm view world-atlas@2.0.2 dist.integrity
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/"
    "MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)
NATURAL_EARTH_VERSION = "4.1.0"  # world-atlas 2.0.2 README: "... vector data, version 4.1.0"
BUILD_DATE = "2026-11-22"  # fixed on purpose: the output carries no other time stamp
TOLERANCE = 0.05  # coverage_simplify tolerance in degrees (~sqrt of the area of removed triangles)
DECIMALS = 3  # coordinate rounding (0.001 deg ~ 111 m of latitude)
ANTARCTIC_GAP = 0.002  # degrees: width of the cut along 0 deg splitting Antarctica in two
GEODATA = Path(__file__).resolve().parent
OUT = GEODATA / "boundaries.geojson"

# -------------------------------------------------------------------------------------------------
# What Natural Earth / world-atlas calls each feature. The source keys its features by ISO 3166-1
# numeric id (or, for a few, only by name); these tables translate those keys into alpha-3 codes.
# They are not a list of states: which codes are participating states, and their names, come from
# geodata/states.csv, and the build fails if the two disagree.
# -------------------------------------------------------------------------------------------------
# The source's numeric id of each participating state: "alpha-3 numeric", sorted by alpha-3.
STATE_IDS = """\
AFG 004  AGO 024  ALB 008  AND 020  ARE 784  ARG 032  ARM 051  ATG 028  AUS 036  AUT 040
AZE 031  BDI 108  BEL 056  BEN 204  BFA 854  BGD 050  BGR 100  BHR 048  BHS 044  BIH 070
BLR 112  BLZ 084  BOL 068  BRA 076  BRB 052  BRN 096  BTN 064  BWA 072  CAF 140  CAN 124
CHE 756  CHL 152  CHN 156  CIV 384  CMR 120  COD 180  COG 178  COK 184  COL 170  COM 174
CPV 132  CRI 188  CUB 192  CYP 196  CZE 203  DEU 276  DJI 262  DMA 212  DNK 208  DOM 214
DZA 012  ECU 218  EGY 818  ERI 232  ESP 724  EST 233  ETH 231  FIN 246  FJI 242  FRA 250
FSM 583  GAB 266  GBR 826  GEO 268  GHA 288  GIN 324  GMB 270  GNB 624  GNQ 226  GRC 300
GRD 308  GTM 320  GUY 328  HND 340  HRV 191  HTI 332  HUN 348  IDN 360  IND 356  IRL 372
IRN 364  IRQ 368  ISL 352  ISR 376  ITA 380  JAM 388  JOR 400  JPN 392  KAZ 398  KEN 404
KGZ 417  KHM 116  KIR 296  KNA 659  KOR 410  KWT 414  LAO 418  LBN 422  LBR 430  LBY 434
LCA 662  LIE 438  LKA 144  LSO 426  LTU 440  LUX 442  LVA 428  MAR 504  MCO 492  MDA 498
MDG 450  MDV 462  MEX 484  MHL 584  MKD 807  MLI 466  MLT 470  MMR 104  MNE 499  MNG 496
MOZ 508  MRT 478  MUS 480  MWI 454  MYS 458  NAM 516  NER 562  NGA 566  NIC 558  NIU 570
NLD 528  NOR 578  NPL 524  NRU 520  NZL 554  OMN 512  PAK 586  PAN 591  PER 604  PHL 608
PLW 585  PNG 598  POL 616  PRK 408  PRT 620  PRY 600  PSE 275  QAT 634  ROU 642  RUS 643
RWA 646  SAU 682  SDN 729  SEN 686  SGP 702  SLB 090  SLE 694  SLV 222  SMR 674  SOM 706
SRB 688  SSD 728  STP 678  SUR 740  SVK 703  SVN 705  SWE 752  SWZ 748  SYC 690  SYR 760
TCD 148  TGO 768  THA 764  TJK 762  TKM 795  TLS 626  TON 776  TTO 780  TUN 788  TUR 792
TUV 798  TZA 834  UGA 800  UKR 804  URY 858  USA 840  UZB 860  VAT 336  VCT 670  VEN 862
VNM 704  VUT 548  WSM 882  YEM 887  ZAF 710  ZMB 894  ZWE 716
"""

# Features that are not participating states, with the name and sovereign the output gives them
# (the source's names are abbreviated, e.g. "Falkland Is."): "alpha-3 numeric sovereign name";
# sovereign "-" = none or disputed.
TERRITORIES = """\
ABW 533 NLD Aruba
AIA 660 GBR Anguilla
ALA 248 FIN Åland Islands
ASM 016 USA American Samoa
ATA 010 - Antarctica
ATF 260 FRA French Southern Territories
BLM 652 FRA Saint Barthélemy
BMU 060 GBR Bermuda
CUW 531 NLD Curaçao
CYM 136 GBR Cayman Islands
ESH 732 - Western Sahara
FLK 238 GBR Falkland Islands (Malvinas)
FRO 234 DNK Faroe Islands
GGY 831 GBR Guernsey
GRL 304 DNK Greenland
GUM 316 USA Guam
HKG 344 CHN Hong Kong
HMD 334 AUS Heard Island and McDonald Islands
IMN 833 GBR Isle of Man
IOT 086 GBR British Indian Ocean Territory
JEY 832 GBR Jersey
MAC 446 CHN Macao
MAF 663 FRA Saint Martin (French part)
MNP 580 USA Northern Mariana Islands
MSR 500 GBR Montserrat
NCL 540 FRA New Caledonia
NFK 574 AUS Norfolk Island
PCN 612 GBR Pitcairn Islands
PRI 630 USA Puerto Rico
PYF 258 FRA French Polynesia
SGS 239 GBR South Georgia and the South Sandwich Islands
SHN 654 GBR Saint Helena, Ascension and Tristan da Cunha
SPM 666 FRA Saint Pierre and Miquelon
SXM 534 NLD Sint Maarten (Dutch part)
TCA 796 GBR Turks and Caicos Islands
TWN 158 - Taiwan
VGB 092 GBR British Virgin Islands
VIR 850 USA United States Virgin Islands
WLF 876 FRA Wallis and Futuna
"""

# Features without an ISO numeric id in the source, matched by their world-atlas name. X-range
# codes are user-assigned (ISO 3166-1 leaves XAA-XZZ to users); XKX is the code the EU and
# others use for Kosovo. "Indian Ocean Ter." is split by part in load_features().
NO_ID = {
    "Kosovo": ("XKX", "Kosovo", ""),
    "N. Cyprus": ("XNC", "Northern Cyprus", ""),
    "Somaliland": ("XSL", "Somaliland", ""),
    "Siachen Glacier": ("XSG", "Siachen Glacier", ""),
}
EXTRA_FROM_10M = ["TUV"]  # participants missing from the 1:50m file

# Test points: (lon, lat, iso3 that must contain it)
POINT_CHECKS = [
    (34.10, 44.95, "UKR"),  # Simferopol
    (33.52, 44.60, "UKR"),  # Sevastopol
    (20.51, 54.71, "RUS"),  # Kaliningrad
    (30.52, 50.45, "UKR"),  # Kyiv
    (37.62, 55.75, "RUS"),  # Moscow
    # Natural Earth's 1:50m Holy See is a ~1 km blob about 1.5 km west of the real one (St
    # Peter's Square, 12.4534 41.9029, lies in ITA here): test a point inside the drawn polygon.
    (12.434, 41.902, "VAT"),
    (179.2, 68.5, "RUS"),  # Chukotka west of 180
    (-179.5, 68.5, "RUS"),  # Chukotka east of 180
    (178.0, -17.8, "FJI"),  # Viti Levu
    (0.0, -85.0, None),  # on Antarctica's 0.002 deg cut: contained by nothing (documented gap)
    (10.0, -85.0, "ATA"),
    (-10.0, -85.0, "ATA"),
    # Western Sahara west of the berm is ESH, not MAR. Coastal towns (Dakhla -15.93 23.70,
    # Boujdour, Tarfaya) lie just off the simplified 1:50m coast, in no feature: test inland ones.
    (-13.20, 27.15, "ESH"),  # Laayoune, west of the berm
    (-11.67, 26.74, "ESH"),  # Smara, west of the berm
    (-14.33, 22.55, "ESH"),  # Aousserd, in the far south
    (-6.84, 34.02, "MAR"),  # Rabat
    (-11.10, 28.44, "MAR"),  # Tan-Tan, 90 km north of 27 deg 40' N
]
EXPECTED_NEIGHBOURS = {  # state: its neighbours on land, space-separated
    "RUS": "AZE BLR CHN EST FIN GEO KAZ LTU LVA MNG NOR POL PRK UKR",
    "BLR": "LTU LVA POL RUS UKR",
}
CRIMEA_BBOX = (32.4, 44.3, 36.7, 46.3)  # representative point of a Russian part in here => Crimea
# The Morocco-Western Sahara boundary: the parallel 27 deg 40' N, from the Atlantic to Algeria.
WESTERN_SAHARA_NORTH = 27 + 40 / 60
# Longitudes of Western Sahara (-17.1 .. -8.67 deg): a part of Morocco south of the boundary
# outside these would not be Western Sahara, and the build stops.
WESTERN_SAHARA_LON = (-17.2, -8.6)


PROPERTY_DOCS = {
    "iso3": "ISO 3166-1 alpha-3; user-assigned X codes: XKX Kosovo, XNC Northern Cyprus, "
    "XSL Somaliland, XSG Siachen Glacier",
    "name": "English short name: for participants exactly as in geodata/states.csv",
    "participant": "true for the states in geodata/states.csv, those that can join the Ottawa "
    "Convention (193 UN members, Holy See, State of Palestine, Cook Islands, Niue)",
    "sovereign_iso3": "for non-participant dependent territories the state they belong to; "
    "empty where none or disputed",
    "scale": "Natural Earth scale the geometry comes from (50m or 10m)",
}
FIXED_MODIFICATIONS = [
    "ISO 3166-1 numeric -> alpha-3 from tables in the build script",
    "names: participants exactly as in geodata/states.csv (the project's list of states); "
    "other features use ISO 3166-1 short names (Falkland Islands (Malvinas), Saint Helena, "
    "Ascension and Tristan da Cunha, ...) from a table in the build script",
    "de jure borders: Crimea in Ukraine; Western Sahara whole, as a territory in its own right "
    "(UN list of Non-Self-Governing Territories); disputed entities (Kosovo, Northern Cyprus, "
    "Somaliland, Taiwan, Western Sahara, Siachen Glacier) kept as separate non-participant "
    "features with empty sovereign_iso3",
]
SIMPLIFICATION_METHOD = (
    "shapely.coverage_simplify (GEOS CoverageSimplifier, Visvalingam-Whyatt) on all features "
    "together, simplify_boundary=True: shared borders are simplified once, so no gaps or "
    "slivers open; no polygon is removed, the smallest become triangles"
)
NOTES = [
    "Natural Earth's 1:50m Holy See is a ~1 km polygon about 1.5 km west of the real Vatican "
    "City (a point in St Peter's Square falls in Italy); kept as is",
    "other boundaries are Natural Earth's de facto ones except Crimea and Western Sahara: e.g. "
    "the southern Kuril islands are in Russia, Kashmir is split along the lines of control, the "
    "Falkland Islands (claimed by Argentina) have sovereign_iso3 GBR",
    "Antarctica is drawn as two halves separated by a 0.002 deg cut along 0 deg longitude; "
    "with a stroke the cut shows as a line",
    "dependent territories missing at 1:50m (e.g. Tokelau, Bouvet Island) are not added",
]


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise SystemExit(f"CHECK FAILED: {msg}")


# -------------------------------------------------------------------------------------------------
# Fetching and decoding
# -------------------------------------------------------------------------------------------------
def fetch_tarball(tarball: str | None) -> bytes:
    if tarball:
        data = Path(tarball).read_bytes()
    else:
        npm = shutil.which("npm")
        check(npm is not None, "npm not found on PATH (or pass --tarball)")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [npm, "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", tmp, "--silent"],
                check=True,
                cwd=tmp,
                stdout=subprocess.DEVNULL,
            )
            data = (Path(tmp) / f"{PACKAGE}-{VERSION}.tgz").read_bytes()
    got = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    check(got == INTEGRITY, f"tarball integrity {got} != pinned {INTEGRITY}")
    return data


def read_member(data: bytes, name: str) -> bytes:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tf:
        return tf.extractfile(f"package/{name}").read()


def decode_topojson(raw: bytes, obj: str = "countries"):
    """Yield (id, name, [polygon [ring [(lon, lat)]]]) from a quantised TopoJSON topology."""
    topo = json.loads(raw)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(ids):
        pts = []
        for k, i in enumerate(ids):
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if k == 0 else a[1:])
        return pts

    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polys = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polys = [[ring(r) for r in p] for p in g["arcs"]]
        else:
            polys = []
        yield g.get("id"), g.get("properties", {}).get("name"), polys


# -------------------------------------------------------------------------------------------------
# Antimeridian handling
# -------------------------------------------------------------------------------------------------
def unwrap(ring):
    """Make longitudes continuous (no step > 180 deg).

    Returns (points, net shift in degrees: 0 or +-360).
    """
    out, off, prev = [], 0.0, None
    for x, y in ring:
        if prev is not None:
            if x - prev > 180:
                off -= 360
            elif x - prev < -180:
                off += 360
        out.append((x + off, y))
        prev = x
    return out, off


def fold(geom) -> list[Polygon]:
    """Cut a polygon given in unwrapped longitudes into pieces inside [-180, 180]."""
    minx, _, maxx, _ = geom.bounds
    pieces = []
    for k in range(math.floor((minx + 180) / 360), math.floor((maxx + 180) / 360) + 1):
        part = geom.intersection(box(-180 + 360 * k, -90, 180 + 360 * k, 90))
        if not part.is_empty:
            part = shapely.affinity.translate(part, xoff=-360 * k)
            pieces.extend(polygons_of(part))
    return pieces


def polygons_of(geom) -> list[Polygon]:
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [p for g in getattr(geom, "geoms", []) for p in polygons_of(g)]


def ring_polygon(ring, log, label):
    """Planar pieces of one ring, cut at +-180 (closed through the pole if it encircles it)."""
    pts, off = unwrap(ring)
    crosses = any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(ring))
    if off == 0:
        poly = Polygon(pts)
        if not crosses:
            return [poly]
        log.add(f"{label}: ring crossing the antimeridian cut at +-180")
        return fold(repair(poly, label, log, "in source"))
    # encircles a pole: close it through the pole, then cut along 0 deg with a small gap
    pole = -90.0 if sum(y for _, y in pts) < 0 else 90.0
    pts = [*pts[:-1], (pts[-1][0], pole), (pts[0][0], pole), pts[0]]
    poly = repair(Polygon(pts), label, log, "in source")
    halves = []
    for piece in fold(poly):
        for b in (box(-180, -90, -ANTARCTIC_GAP / 2, 90), box(ANTARCTIC_GAP / 2, -90, 180, 90)):
            halves.extend(polygons_of(piece.intersection(b)))
    log.add(
        f"{label}: circumpolar ring closed through the pole at lat {pole:+.0f} and cut along 0 deg "
        f"with a {ANTARCTIC_GAP} deg gap"
    )
    return halves


def build_geometry(polys, log, label):
    parts = []
    for rings in polys:
        # geostitch leaves a zero-area ring hugging the pole (lat -89.999) in Antarctica: drop it
        kept = [r for r in rings if not all(abs(y) >= 89.99 for _, y in r)]
        if len(kept) != len(rings):
            log.add(f"{label}: dropped geostitch's zero-area ring at the pole")
        if not kept:
            continue
        shell, holes = kept[0], kept[1:]
        simple = all(abs(b[0] - a[0]) <= 180 for r in kept for a, b in itertools.pairwise(r))
        if simple:
            parts.append(Polygon(shell, holes))
        else:
            outer = shapely.union_all(ring_polygon(shell, log, label))
            for h in holes:
                outer = outer.difference(shapely.union_all(ring_polygon(h, log, label)))
            parts.extend(polygons_of(outer))
    return repair(MultiPolygon(parts), label, log, "in source")


def repair(geom, label, log, when):
    """make_valid(method="structure") if needed, logging why."""
    if geom.is_valid:
        return geom
    reason = shapely.is_valid_reason(geom)
    log.add(f"{label}: invalid {when} ({reason}), repaired with make_valid")
    return shapely.make_valid(geom, method="structure")


# -------------------------------------------------------------------------------------------------
# Main build
# -------------------------------------------------------------------------------------------------
def read_states() -> dict[str, str]:
    """Alpha-3 -> name of every participating state, from geodata/states.csv.

    Read with treatymap's own reader, so the file is held to the schema the app holds it to.
    """
    rows, problems = read_table(GEODATA, STATES)
    check(not problems, "geodata/states.csv: " + "; ".join(map(str, problems)))
    return {row["iso3"]: row["name"] for _, row in rows}


def parse_tables(states: dict[str, str]):
    """Source id -> (alpha-3, name) for participants, -> (alpha-3, name, sovereign) for the rest.

    STATE_IDS must cover exactly the codes of states.csv, so that adding or removing a state there
    without telling the build which source feature it is fails here, not on the map.
    """
    tokens = STATE_IDS.split()
    ids = dict(zip(tokens[0::2], tokens[1::2], strict=True))  # alpha-3 -> numeric
    check(len(ids) == len(tokens) // 2, "duplicate alpha-3 in STATE_IDS")
    check(
        set(ids) == set(states),
        f"STATE_IDS and states.csv differ: only in STATE_IDS {sorted(set(ids) - set(states))}, "
        f"only in states.csv {sorted(set(states) - set(ids))}",
    )
    participants = {num: (iso3, states[iso3]) for iso3, num in ids.items()}
    check(len(participants) == len(ids), "duplicate numeric id in STATE_IDS")
    territories = {}
    for line in TERRITORIES.strip().splitlines():
        iso3, num, sov, name = line.split(" ", 3)
        territories[num] = (iso3, name, "" if sov == "-" else sov)
    codes = [v[0] for v in territories.values()]
    check(len(codes) == len(set(codes)), "duplicate alpha-3 in TERRITORIES")
    check(not set(codes) & set(states), "a code in TERRITORIES is a state in states.csv")
    check(not set(participants) & set(territories), "numeric id in both tables")
    return participants, territories


def load_features(data: bytes, log: set, states: dict[str, str]):
    participants, territories = parse_tables(states)
    feats: dict[str, dict] = {}

    def add(iso3, name, participant, sovereign, scale, geom):
        if iso3 in feats:  # same code twice (Ashmore and Cartier Is. carry Australia's 036)
            feats[iso3]["geom"] = shapely.union(feats[iso3]["geom"], geom)
            return
        feats[iso3] = dict(
            iso3=iso3,
            name=name,
            participant=participant,
            sovereign_iso3=sovereign,
            scale=scale,
            geom=geom,
        )

    unknown = []
    for fid, wa_name, polys in decode_topojson(read_member(data, "countries-50m.json")):
        geom = build_geometry(polys, log, wa_name)
        if fid in participants:
            iso3, name = participants[fid]
            if fid == "036" and wa_name != "Australia":
                log.add(f"'{wa_name}' (id 036) merged into Australia")
            add(iso3, name, True, "", "50m", geom)
        elif fid in territories:
            iso3, name, sov = territories[fid]
            add(iso3, name, False, sov, "50m", geom)
        elif fid is None and wa_name in NO_ID:
            iso3, name, sov = NO_ID[wa_name]
            log.add(f"'{wa_name}' has no ISO id in the source: user-assigned code {iso3}")
            add(iso3, name, False, sov, "50m", geom)
        elif fid is None and wa_name == "Indian Ocean Ter.":
            cxr = [p for p in geom.geoms if p.representative_point().x > 100]
            cck = [p for p in geom.geoms if p.representative_point().x <= 100]
            check(len(cxr) >= 1 and len(cck) >= 1, "Indian Ocean Ter. split failed")
            log.add(
                "'Indian Ocean Ter.' (no id) split into Christmas Island CXR (lon > 100) "
                "and Cocos (Keeling) Islands CCK"
            )
            add("CXR", "Christmas Island", False, "AUS", "50m", MultiPolygon(cxr))
            add("CCK", "Cocos (Keeling) Islands", False, "AUS", "50m", MultiPolygon(cck))
        else:
            unknown.append((fid, wa_name))
    check(not unknown, f"features with no code mapping: {unknown}")

    wanted = {v[0]: (k, v[1]) for k, v in participants.items() if v[0] in EXTRA_FROM_10M}
    for fid, wa_name, polys in decode_topojson(read_member(data, "countries-10m.json")):
        if fid in participants and participants[fid][0] in wanted:
            iso3, name = participants[fid]
            check(iso3 not in feats, f"{iso3} already present at 1:50m")
            log.add(f"{iso3} ({wa_name}) missing at 1:50m, taken from 1:10m")
            add(iso3, name, True, "", "10m", build_geometry(polys, log, wa_name))
    missing = sorted(v[0] for v in participants.values() if v[0] not in feats)
    check(not missing, f"participants without a feature: {missing}")
    return feats


def move_crimea(feats, log):
    """Give Crimea and Sevastopol back to Ukraine: the map draws de jure borders.

    At 1:50m the Kerch Strait keeps Crimea a separate part of Russia's MultiPolygon, so it is
    moved whole, and its union with Ukraine dissolves the Perekop border without a sliver.
    """
    rus, ukr = feats["RUS"]["geom"], feats["UKR"]["geom"]
    x0, y0, x1, y1 = CRIMEA_BBOX
    simferopol = Point(34.10, 44.95)
    if ukr.contains(simferopol):
        log.add("Crimea already in Ukraine in the source: nothing moved")
        return
    in_bbox = [
        x0 <= p.representative_point().x <= x1 and y0 <= p.representative_point().y <= y1
        for p in rus.geoms
    ]
    crimea = [p for p, inside in zip(rus.geoms, in_bbox, strict=False) if inside]
    check(
        len(crimea) >= 1,
        "no Crimean part found in Russia (is the Kerch strait closed at this scale?)",
    )
    check(any(p.contains(simferopol) for p in crimea), "Crimean part does not contain Simferopol")
    rest = [p for p, inside in zip(rus.geoms, in_bbox, strict=False) if not inside]
    feats["RUS"]["geom"] = MultiPolygon(rest)
    feats["UKR"]["geom"] = shapely.make_valid(shapely.union_all([ukr, *crimea]), method="structure")
    area = sum(p.area for p in crimea)
    log.add(
        f"Crimea and Sevastopol ({len(crimea)} part(s) of Russia whose representative point "
        f"lies in lon {x0}..{x1}, lat {y0}..{y1}, {area:.3f} sq deg) moved to Ukraine by "
        "union (UN GA resolution 68/262); Kaliningrad left in Russia"
    )


def move_western_sahara(feats, log):
    """Draw Western Sahara whole, as the UN lists it (a Non-Self-Governing Territory).

    Natural Earth's "Morocco" runs down to 21.4 N: it includes the part of Western Sahara west of
    the berm, and its "W. Sahara" is only the strip east of it. Morocco is cut along the
    boundary, the parallel 27 deg 40' N, and everything south of it is unioned into Western
    Sahara, which dissolves the berm. The cut adds a vertex where the parallel meets the
    Algerian border; it is inserted into Algeria's outline too, because a valid coverage needs
    the same vertices on both sides of a shared edge.
    """
    lat = WESTERN_SAHARA_NORTH
    mar, esh = feats["MAR"]["geom"], feats["ESH"]["geom"]
    north = box(-180, lat, 180, 90)
    south = mar.difference(north)
    if south.is_empty:
        log.add("Morocco has no part south of 27 deg 40' N in the source: nothing moved")
        return
    minx, miny, maxx, _ = south.bounds
    lon0, lon1 = WESTERN_SAHARA_LON
    check(
        lon0 <= minx and maxx <= lon1,
        f"Morocco south of 27 deg 40' N spans lon {minx:.2f}..{maxx:.2f}, "
        f"outside Western Sahara's {lon0}..{lon1}",
    )
    morocco = shapely.make_valid(mar.intersection(north), method="structure")
    feats["MAR"]["geom"] = morocco
    feats["ESH"]["geom"] = shapely.make_valid(shapely.union_all([esh, south]), method="structure")
    check(morocco.bounds[1] >= lat, "Morocco still reaches south of 27 deg 40' N")

    coords = shapely.get_coordinates(morocco)
    cut = shapely.points(coords[np.isclose(coords[:, 1], lat, rtol=0, atol=1e-9)])
    for k, f in feats.items():
        if k not in ("MAR", "ESH") and shapely.dwithin(f["geom"], cut, 1e-9).any():
            f["geom"] = shapely.snap(f["geom"], morocco, 1e-9)
            log.add(f"{k}: vertex inserted where 27 deg 40' N meets its border with Morocco")
    log.add(
        f"Western Sahara west of the berm ({south.area:.3f} sq deg of Morocco south of "
        f"27 deg 40' N, lat {miny:.2f}..{lat:.4f}) moved to Western Sahara ESH by union (UN list "
        "of Non-Self-Governing Territories); Morocco ends at 27 deg 40' N"
    )


def round_coords(geoms):
    # "+ 0.0" turns -0.0 into 0.0
    return shapely.transform(geoms, lambda c: np.round(c, DECIMALS) + 0.0)


def clean(geom, label, log):
    """Valid, non-empty, polygonal, exterior rings counter-clockwise (RFC 7946)."""
    geom = repair(geom, label, log, "after simplification and rounding")
    parts = [p for p in polygons_of(geom) if not p.is_empty and p.area > 0]
    geom = MultiPolygon(parts) if len(parts) != 1 else parts[0]
    return shapely.orient_polygons(geom, exterior_cw=False)


def parts_of(geom):
    return list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]


def neighbours(feats, iso3):
    """Neighbour -> distance in degrees, the neighbours found exactly as the app finds them.

    treatymap.geometry.land_neighbours on the same features, so the build checks what the app
    will show; the distances show how much of the tolerance the borders actually use.
    """
    keys = sorted(feats)
    frame = gpd.GeoDataFrame(
        {"iso3": keys, "participant": [feats[k]["participant"] for k in keys]},
        geometry=[feats[k]["geom"] for k in keys],
        crs="EPSG:4326",
    )
    g = feats[iso3]["geom"]
    return {k: g.distance(feats[k]["geom"]) for k in land_neighbours(frame, iso3)}


def geometry_json(geom):
    def ring(r):
        return [[x, y] for x, y in r.coords]

    def poly(p):
        return [ring(p.exterior)] + [ring(i) for i in p.interiors]

    if isinstance(geom, Polygon):
        return {"type": "Polygon", "coordinates": poly(geom)}
    return {"type": "MultiPolygon", "coordinates": [poly(p) for p in geom.geoms]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--tarball", help=f"use this {PACKAGE}-{VERSION}.tgz instead of running npm pack"
    )
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument(
        "--tolerance",
        type=float,
        default=None,
        help=f"override TOLERANCE ({TOLERANCE}) to experiment",
    )
    args = ap.parse_args(argv)
    check(
        tuple(int(v) for v in shapely.__version__.split(".")[:2]) >= (2, 1),
        "shapely >= 2.1 required",
    )
    tolerance = TOLERANCE if args.tolerance is None else args.tolerance

    log: set[str] = set()
    data = fetch_tarball(args.tarball)
    states = read_states()
    feats = load_features(data, log, states)
    move_crimea(feats, log)
    move_western_sahara(feats, log)

    keys = sorted(feats)
    geoms = np.array([feats[k]["geom"] for k in keys], dtype=object)
    check(
        all(g.is_valid and not g.is_empty for g in geoms),
        "invalid or empty geometry before simplification",
    )
    check(bool(shapely.coverage_is_valid(geoms)), "input is not a valid polygonal coverage")
    size_before = sum(shapely.get_num_coordinates(geoms))

    simplified = shapely.coverage_simplify(geoms, tolerance)
    rounded = round_coords(simplified)
    for k, g in zip(keys, rounded, strict=False):
        feats[k]["geom"] = clean(g, k, log)
    size_after = sum(shapely.get_num_coordinates([feats[k]["geom"] for k in keys]))

    # checks
    final = [feats[k]["geom"] for k in keys]
    for k, g in zip(keys, final, strict=False):
        check(g.is_valid and not g.is_empty and g.area > 0, f"{k}: invalid or empty")
        check(isinstance(g, (Polygon, MultiPolygon)), f"{k}: not polygonal")
        for p in parts_of(g):
            minx, _, maxx, _ = p.bounds
            check(maxx - minx < 180, f"{k}: a part spans {maxx - minx:.3f} deg of longitude")
            check(minx >= -180 and maxx <= 180, f"{k}: longitude outside [-180, 180]")
    check(
        bool(shapely.coverage_is_valid(np.array(final, dtype=object))),
        "output is not a valid coverage",
    )
    check(len(keys) == len(set(keys)), "iso3 not unique")
    check(
        {k: f["name"] for k, f in feats.items() if f["participant"]} == states,
        "participants' codes or names differ from states.csv",
    )
    for lon, lat, want in POINT_CHECKS:
        hits = [k for k in keys if feats[k]["geom"].contains(Point(lon, lat))]
        check(hits == ([want] if want else []), f"point {lon},{lat} is in {hits}, expected {want}")
    found_all = {}
    for iso3, codes in EXPECTED_NEIGHBOURS.items():
        expected = set(codes.split())
        found = neighbours(feats, iso3)
        found_all[iso3] = found
        print(
            f"neighbours of {iso3} (within {NEIGHBOUR_TOLERANCE_DEG} deg): "
            + " ".join(f"{k}:{d:.4f}" for k, d in sorted(found.items()))
        )
        check(
            set(found) == expected,
            f"{iso3} neighbours {sorted(found)} != expected {sorted(expected)}: "
            f"extra {sorted(set(found) - expected)}, missing {sorted(expected - set(found))}",
        )
        check(
            max(found.values()) == 0.0, f"{iso3}: some neighbour does not share its border exactly"
        )
        others = sorted(
            (feats[iso3]["geom"].distance(f["geom"]), k)
            for k, f in feats.items()
            if f["participant"] and k != iso3 and k not in found
        )[:3]
        print(
            "  nearest participants that are not neighbours: "
            + " ".join(f"{k}:{d:.3f}" for d, k in others)
        )

    # write
    provenance = {
        "source": {
            "registry": "npm",
            "package": PACKAGE,
            "version": VERSION,
            "integrity": INTEGRITY,
            "files": ["countries-50m.json", "countries-10m.json"],
            "license": "ISC (world-atlas, Copyright 2013-2019 Michael Bostock)",
            "derived_from": f"Natural Earth {NATURAL_EARTH_VERSION} Admin 0 - Countries "
            "(ne_50m_admin_0_countries, ne_10m_admin_0_countries)",
            "natural_earth_license": "public domain",
            "source_processing": "world-atlas: geo2topo -q 1e5 (quantised), geostitch "
            "(antimeridian cuts removed); properties reduced to name and ISO 3166-1 numeric id",
        },
        "scales": {"default": "50m", "from_10m": sorted(EXTRA_FROM_10M)},
        "build_script": "geodata/build_boundaries.py",
        "build_date": BUILD_DATE,
        "built_with": {"shapely": shapely.__version__, "geos": shapely.geos_version_string},
        "crs": "EPSG:4326 (WGS 84 longitude, latitude; RFC 7946)",
        "properties": PROPERTY_DOCS,
        "modifications": [*sorted(log), *FIXED_MODIFICATIONS],
        "simplification": {
            "method": SIMPLIFICATION_METHOD,
            "tolerance_degrees": tolerance,
            "coordinate_rounding_decimals": DECIMALS,
            "vertices_before": int(size_before),
            "vertices_after": int(size_after),
            "after_rounding": "re-validated; exterior rings counter-clockwise",
        },
        "notes": NOTES,
        "checks": {
            "valid_non_empty": True,
            "max_part_longitude_span_below_180": True,
            "valid_coverage": True,
            "points": [f"{lon},{lat} in {want or 'nothing'}" for lon, lat, want in POINT_CHECKS],
            "neighbours_by": "treatymap.geometry.land_neighbours",
            "neighbour_tolerance_degrees": NEIGHBOUR_TOLERANCE_DEG,
            "neighbours": {k: sorted(v) for k, v in found_all.items()},
        },
    }
    features = []
    for k in keys:
        f = feats[k]
        props = {key: f[key] for key in ("iso3", "name", "participant", "sovereign_iso3", "scale")}
        features.append(
            {"type": "Feature", "properties": props, "geometry": geometry_json(f["geom"])}
        )
    text = (
        '{"type":"FeatureCollection",\n"provenance":'
        + json.dumps(provenance, ensure_ascii=False, indent=1)
        + ',\n"features":[\n'
        + ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
        + "\n]}\n"
    )
    json.loads(text)  # well-formed
    out = Path(args.out)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, out)
    n_part = sum(f["participant"] for f in feats.values())
    print(
        f"wrote {out}: {len(features)} features ({n_part} participants, "
        f"{len(features) - n_part} others), {len(text.encode())} bytes, tolerance {tolerance}, "
        f"vertices {size_before} -> {size_after}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
