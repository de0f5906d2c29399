#!/usr/bin/env python3
"""Build geodata/boundaries.geojson: one (Multi)Polygon per state or territory, EPSG:4326.

How to run, from the repository root (Python 3.11+, shapely >= 2.1, numpy; `npm` on PATH):

    python geodata/build_boundaries.py             # gets world-atlas with `npm pack`
    python geodata/build_boundaries.py --tarball world-atlas-2.0.2.tgz   # or a tarball you have

It downloads nothing but the pinned npm package world-atlas@2.0.2 (and checks the tarball's
sha512 integrity), decodes the TopoJSON itself (no GDAL needed) and writes
geodata/boundaries.geojson. The same inputs and library versions give a byte-identical file
(features sorted by iso3, fixed key order, fixed BUILD_DATE). Every check is a `check()`: the
build fails instead of writing a wrong file. Takes about 4 s.

Source: Natural Earth 4.1.0 "Admin 0 - Countries" at 1:50m (1:10m only for states missing at
1:50m: Tuvalu), as repackaged by npm world-atlas 2.0.2 (ISC), which only quantises
(geo2topo -q 1e5) and stitches the antimeridian (geostitch). Natural Earth is public domain.
See geodata/boundaries.provenance.md.

Modifications (also recorded in the output's top-level "provenance" member):
  * ISO 3166-1 numeric id -> alpha-3 through the tables below (no lookup at build time).
  * Features without an id get user-assigned codes: Kosovo XKX, Northern Cyprus XNC,
    Somaliland XSL, Siachen Glacier XSG. "Indian Ocean Ter." is split into Christmas Island
    CXR and Cocos (Keeling) Islands CCK. "Ashmore and Cartier Is." (which carries Australia's
    id 036) is merged into Australia.
  * Crimea (incl. Sevastopol), drawn inside Russia by Natural Earth, is moved to Ukraine
    (UN GA resolution 68/262). Kaliningrad stays in Russia.
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

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Point, Polygon, box

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
NEIGHBOUR_DISTANCE = 0.05  # degrees; "touches" in the neighbour checks means distance < this
OUT = Path(__file__).resolve().parent / "boundaries.geojson"

# -------------------------------------------------------------------------------------------------
# The 197 states that can take part in the Ottawa Convention: 193 UN members + Holy See,
# State of Palestine, Cook Islands, Niue.  "ISO-numeric ISO-alpha-3 English short name".
# -------------------------------------------------------------------------------------------------
PARTICIPANTS = """\
004 AFG Afghanistan
008 ALB Albania
012 DZA Algeria
020 AND Andorra
024 AGO Angola
028 ATG Antigua and Barbuda
032 ARG Argentina
051 ARM Armenia
036 AUS Australia
040 AUT Austria
031 AZE Azerbaijan
044 BHS Bahamas
048 BHR Bahrain
050 BGD Bangladesh
052 BRB Barbados
112 BLR Belarus
056 BEL Belgium
084 BLZ Belize
204 BEN Benin
064 BTN Bhutan
068 BOL Bolivia
070 BIH Bosnia and Herzegovina
072 BWA Botswana
076 BRA Brazil
096 BRN Brunei Darussalam
100 BGR Bulgaria
854 BFA Burkina Faso
108 BDI Burundi
132 CPV Cabo Verde
116 KHM Cambodia
120 CMR Cameroon
124 CAN Canada
140 CAF Central African Republic
148 TCD Chad
152 CHL Chile
156 CHN China
170 COL Colombia
174 COM Comoros
178 COG Congo
184 COK Cook Islands
188 CRI Costa Rica
384 CIV Côte d'Ivoire
191 HRV Croatia
192 CUB Cuba
196 CYP Cyprus
203 CZE Czechia
408 PRK Democratic People's Republic of Korea
180 COD Democratic Republic of the Congo
208 DNK Denmark
262 DJI Djibouti
212 DMA Dominica
214 DOM Dominican Republic
218 ECU Ecuador
818 EGY Egypt
222 SLV El Salvador
226 GNQ Equatorial Guinea
232 ERI Eritrea
233 EST Estonia
748 SWZ Eswatini
231 ETH Ethiopia
242 FJI Fiji
246 FIN Finland
250 FRA France
266 GAB Gabon
270 GMB Gambia
268 GEO Georgia
276 DEU Germany
288 GHA Ghana
300 GRC Greece
308 GRD Grenada
320 GTM Guatemala
324 GIN Guinea
624 GNB Guinea-Bissau
328 GUY Guyana
332 HTI Haiti
336 VAT Holy See
340 HND Honduras
348 HUN Hungary
352 ISL Iceland
356 IND India
360 IDN Indonesia
364 IRN Iran
368 IRQ Iraq
372 IRL Ireland
376 ISR Israel
380 ITA Italy
388 JAM Jamaica
392 JPN Japan
400 JOR Jordan
398 KAZ Kazakhstan
404 KEN Kenya
296 KIR Kiribati
414 KWT Kuwait
417 KGZ Kyrgyzstan
418 LAO Lao People's Democratic Republic
428 LVA Latvia
422 LBN Lebanon
426 LSO Lesotho
430 LBR Liberia
434 LBY Libya
438 LIE Liechtenstein
440 LTU Lithuania
442 LUX Luxembourg
450 MDG Madagascar
454 MWI Malawi
458 MYS Malaysia
462 MDV Maldives
466 MLI Mali
470 MLT Malta
584 MHL Marshall Islands
478 MRT Mauritania
480 MUS Mauritius
484 MEX Mexico
583 FSM Micronesia
492 MCO Monaco
496 MNG Mongolia
499 MNE Montenegro
504 MAR Morocco
508 MOZ Mozambique
104 MMR Myanmar
516 NAM Namibia
520 NRU Nauru
524 NPL Nepal
528 NLD Netherlands
554 NZL New Zealand
558 NIC Nicaragua
562 NER Niger
566 NGA Nigeria
570 NIU Niue
807 MKD North Macedonia
578 NOR Norway
512 OMN Oman
586 PAK Pakistan
585 PLW Palau
275 PSE State of Palestine
591 PAN Panama
598 PNG Papua New Guinea
600 PRY Paraguay
604 PER Peru
608 PHL Philippines
616 POL Poland
620 PRT Portugal
634 QAT Qatar
410 KOR Republic of Korea
498 MDA Republic of Moldova
642 ROU Romania
643 RUS Russian Federation
646 RWA Rwanda
659 KNA Saint Kitts and Nevis
662 LCA Saint Lucia
670 VCT Saint Vincent and the Grenadines
882 WSM Samoa
674 SMR San Marino
678 STP Sao Tome and Principe
682 SAU Saudi Arabia
686 SEN Senegal
688 SRB Serbia
690 SYC Seychelles
694 SLE Sierra Leone
702 SGP Singapore
703 SVK Slovakia
705 SVN Slovenia
090 SLB Solomon Islands
706 SOM Somalia
710 ZAF South Africa
728 SSD South Sudan
724 ESP Spain
144 LKA Sri Lanka
729 SDN Sudan
740 SUR Suriname
752 SWE Sweden
756 CHE Switzerland
760 SYR Syrian Arab Republic
762 TJK Tajikistan
764 THA Thailand
626 TLS Timor-Leste
768 TGO Togo
776 TON Tonga
780 TTO Trinidad and Tobago
788 TUN Tunisia
792 TUR Türkiye
795 TKM Turkmenistan
798 TUV Tuvalu
800 UGA Uganda
804 UKR Ukraine
784 ARE United Arab Emirates
826 GBR United Kingdom
834 TZA United Republic of Tanzania
840 USA United States of America
858 URY Uruguay
860 UZB Uzbekistan
548 VUT Vanuatu
862 VEN Venezuela
704 VNM Viet Nam
887 YEM Yemen
894 ZMB Zambia
716 ZWE Zimbabwe
"""

# Non-participant territories present in the source: "numeric alpha-3 sovereign name"
# (sovereign "-" = none or disputed).
TERRITORIES = """\
010 ATA - Antarctica
016 ASM USA American Samoa
660 AIA GBR Anguilla
060 BMU GBR Bermuda
086 IOT GBR British Indian Ocean Territory
092 VGB GBR British Virgin Islands
136 CYM GBR Cayman Islands
158 TWN - Taiwan
238 FLK GBR Falkland Islands (Malvinas)
234 FRO DNK Faroe Islands
258 PYF FRA French Polynesia
260 ATF FRA French Southern Territories
304 GRL DNK Greenland
316 GUM USA Guam
831 GGY GBR Guernsey
334 HMD AUS Heard Island and McDonald Islands
344 HKG CHN Hong Kong
833 IMN GBR Isle of Man
832 JEY GBR Jersey
446 MAC CHN Macao
500 MSR GBR Montserrat
540 NCL FRA New Caledonia
574 NFK AUS Norfolk Island
580 MNP USA Northern Mariana Islands
612 PCN GBR Pitcairn Islands
630 PRI USA Puerto Rico
652 BLM FRA Saint Barthélemy
654 SHN GBR Saint Helena, Ascension and Tristan da Cunha
663 MAF FRA Saint Martin (French part)
666 SPM FRA Saint Pierre and Miquelon
534 SXM NLD Sint Maarten (Dutch part)
239 SGS GBR South Georgia and the South Sandwich Islands
796 TCA GBR Turks and Caicos Islands
850 VIR USA United States Virgin Islands
876 WLF FRA Wallis and Futuna
732 ESH - Western Sahara
248 ALA FIN Åland Islands
533 ABW NLD Aruba
531 CUW NLD Curaçao
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
]
EXPECTED_NEIGHBOURS = {
    "RUS": set(
        [
            "NOR",
            "FIN",
            "EST",
            "LVA",
            "LTU",
            "POL",
            "UKR",
            "BLR",
            "GEO",
            "AZE",
            "KAZ",
            "CHN",
            "MNG",
            "PRK",
        ]
    ),
    "BLR": set(["POL", "LTU", "LVA", "UKR", "RUS"]),
}
CRIMEA_BBOX = (32.4, 44.3, 36.7, 46.3)  # representative point of a Russian part in here => Crimea


PROPERTY_DOCS = {
    "iso3": "ISO 3166-1 alpha-3; user-assigned X codes: XKX Kosovo, XNC Northern Cyprus, "
    "XSL Somaliland, XSG Siachen Glacier",
    "name": "English short name",
    "participant": "true for the 197 states that can join the Ottawa Convention "
    "(193 UN members, Holy See, State of Palestine, Cook Islands, Niue)",
    "sovereign_iso3": "for non-participant dependent territories the state they belong to; "
    "empty where none or disputed",
    "scale": "Natural Earth scale the geometry comes from (50m or 10m)",
}
FIXED_MODIFICATIONS = [
    "ISO 3166-1 numeric -> alpha-3 and English short names from tables in the build script",
    "names: participants use the project's list of 197 states; other features use ISO 3166-1 "
    "short names (Falkland Islands (Malvinas), Saint Helena, Ascension and Tristan da Cunha, ...)",
    "de jure borders: Crimea in Ukraine; disputed entities (Kosovo, Northern Cyprus, "
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
    "other boundaries are Natural Earth's de facto ones except Crimea: e.g. the southern "
    "Kuril islands are in Russia, Kashmir is split along the lines of control, the Falkland "
    "Islands (claimed by Argentina) have sovereign_iso3 GBR",
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
def parse_tables():
    participants, territories = {}, {}
    for line in PARTICIPANTS.strip().splitlines():
        num, iso3, name = line.split(" ", 2)
        participants[num] = (iso3, name)
    for line in TERRITORIES.strip().splitlines():
        num, iso3, sov, name = line.split(" ", 3)
        territories[num] = (iso3, name, "" if sov == "-" else sov)
    check(len(participants) == 197, f"{len(participants)} participants in table, expected 197")
    codes = [v[0] for v in participants.values()] + [v[0] for v in territories.values()]
    check(len(codes) == len(set(codes)), "duplicate alpha-3 in tables")
    check(not set(participants) & set(territories), "numeric code in both tables")
    return participants, territories


def load_features(data: bytes, log: set):
    participants, territories = parse_tables()
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
    g = feats[iso3]["geom"]
    found = {}
    for k, f in feats.items():
        if k != iso3 and f["participant"]:
            d = g.distance(f["geom"])
            if d < NEIGHBOUR_DISTANCE:
                found[k] = d
    return found


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
    feats = load_features(data, log)
    move_crimea(feats, log)

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
    check(sum(feats[k]["participant"] for k in keys) == 197, "participant count != 197")
    for lon, lat, want in POINT_CHECKS:
        hits = [k for k in keys if feats[k]["geom"].contains(Point(lon, lat))]
        check(hits == ([want] if want else []), f"point {lon},{lat} is in {hits}, expected {want}")
    found_all = {}
    for iso3, expected in EXPECTED_NEIGHBOURS.items():
        found = neighbours(feats, iso3)
        found_all[iso3] = found
        print(
            f"neighbours of {iso3} (distance < {NEIGHBOUR_DISTANCE} deg): "
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
            "neighbour_distance_degrees": NEIGHBOUR_DISTANCE,
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
