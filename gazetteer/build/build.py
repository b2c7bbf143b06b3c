#!/usr/bin/env python3
"""Rebuilds the shipped gazetteer (places.tsv, admin1.geojson, admin2.geojson)
from the GeoNames country extracts, the admin boundaries and curated.tsv.

Run from the repository root (Python 3.9+, no third-party packages):

    cargo build --release
    python3 gazetteer/build/build.py --data ../shared/data
    cargo build --release        # embeds the new tables

Inputs:
  DATA/gazetteer/{ML,BF,NE}.txt, admin1CodesASCII.txt, admin2Codes.txt   GeoNames, CC BY 4.0
  DATA/boundaries/{mli,ner}_adm{1,2}.geojson                            OCHA COD-AB
  DATA/boundaries/bfa_adm{1,2}.geojson                                  geoBoundaries, CC BY 4.0
  gazetteer/curated.tsv                                                 facts written for this project

Steps:
  1. The admin polygons are simplified (Douglas-Peucker, TOLERANCE degrees, per
     ring, 4 decimals) and given French names with accents, codes (P-codes; ISO
     3166-2 for Burkina), ISO 3166-2 codes where they exist, the parent region
     and other spellings (`alt`). Written to gazetteer/admin{1,2}.geojson.
  2. `casualty-atlas gazetteer import` reads the GeoNames extracts (the rows of
     GEONAMES_FIX corrected first) with these polygons (so every place's
     admin1/admin2 is the polygon holding it) and merges curated.tsv; then a
     curated fact's admin-2 unit (and its admin-1 parent) replaces the
     polygon's for the fact's row (curated_admin).
  3. The rows are filtered to the feature classes in KEEP_CLASSES, GeoNames' own
     ADM1/ADM2/PCLI rows are replaced by one row per polygon (placed at an
     interior point) and per country, and places.tsv is written.
The output is deterministic for the same inputs and binary.
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.dirname(HERE)
ROOT = os.path.dirname(GAZ)
COLUMNS = ("id name asciiname alternatenames lat lon feature_class feature_code country "
           "admin1_code admin1 admin2_code admin2 population source").split()
TOLERANCE = 0.004  # degrees (about 450 m)

# Feature codes kept, by class. P and A: all of them; the physical and
# man-made classes below: all of them too (records name waterholes, dunes,
# hills, wetlands and islands as often as wells and wadis). These rows are
# never spotted in running text without a place cue (name_index::spottable)
# and rank below a populated place of the same name (score_candidate).
KEEP_CLASSES = {"H", "V", "S", "L", "T", "R", "U"}

# Spellings fixed in the boundary files (accents dropped by the sources).
NAME_FIX = {
    ("ML", "Menaka"): "Ménaka", ("ML", "Bafoulabe"): "Bafoulabé", ("ML", "Dioila"): "Dioïla",
    ("ML", "Kolondieba"): "Kolondiéba", ("ML", "Abeibara"): "Abeïbara",
    ("ML", "Tidermene"): "Tidermène", ("NE", "Ayerou"): "Ayérou", ("BF", "Plateau Central"): "Plateau-Central",
}
# Burkina provinces: French name with accents and ISO 3166-2 code (Natural
# Earth), keyed by the geoBoundaries spelling.
BF_PROVINCES = {
    "Bale": ("Balé", "BF-BAL"), "Bam": ("Bam", "BF-BAM"), "Banwa": ("Banwa", "BF-BAN"),
    "Bazega": ("Bazèga", "BF-BAZ"), "Bougouriba": ("Bougouriba", "BF-BGR"), "Boulgou": ("Boulgou", "BF-BLG"),
    "Boulkiemde": ("Boulkiemdé", "BF-BLK"), "Comoe": ("Comoé", "BF-COM"), "Ganzourgou": ("Ganzourgou", "BF-GAN"),
    "Gnagna": ("Gnagna", "BF-GNA"), "Gourma": ("Gourma", "BF-GOU"), "Houet": ("Houet", "BF-HOU"),
    "Ioba": ("Ioba", "BF-IOB"), "Kadiogo": ("Kadiogo", "BF-KAD"), "Kenedougou": ("Kénédougou", "BF-KEN"),
    "Komonjdjari": ("Komondjari", "BF-KMD"), "Kompienga": ("Kompienga", "BF-KMP"),
    "Koulpelogo": ("Koulpélogo", "BF-KOP"), "Kossi": ("Kossi", "BF-KOS"), "Kouritenga": ("Kouritenga", "BF-KOT"),
    "Kourweogo": ("Kourwéogo", "BF-KOW"), "Leraba": ("Léraba", "BF-LER"), "Loroum": ("Loroum", "BF-LOR"),
    "Mouhoun": ("Mouhoun", "BF-MOU"), "Namentenga": ("Namentenga", "BF-NAM"), "Nahouri": ("Nahouri", "BF-NAO"),
    "Nayala": ("Nayala", "BF-NAY"), "Noumbiel": ("Noumbiel", "BF-NOU"), "Oubritenga": ("Oubritenga", "BF-OUB"),
    "Oudalan": ("Oudalan", "BF-OUD"), "Passore": ("Passoré", "BF-PAS"), "Poni": ("Poni", "BF-PON"),
    "Seno": ("Séno", "BF-SEN"), "Sissili": ("Sissili", "BF-SIS"), "Sanmatenga": ("Sanmatenga", "BF-SMT"),
    "Sanguie": ("Sanguié", "BF-SNG"), "Soum": ("Soum", "BF-SOM"), "Sourou": ("Sourou", "BF-SOR"),
    "Tapoa": ("Tapoa", "BF-TAP"), "Tuy": ("Tuy", "BF-TUI"), "Yagha": ("Yagha", "BF-YAG"),
    "Yatenga": ("Yatenga", "BF-YAT"), "Ziro": ("Ziro", "BF-ZIR"), "Zondoma": ("Zondoma", "BF-ZON"),
    "Zoundweogo": ("Zoundwéogo", "BF-ZOU"),
}
# ISO 3166-2 codes of the Malian and Nigerien regions, by P-code.
ISO1 = {
    "ML01": "ML-1", "ML02": "ML-2", "ML03": "ML-3", "ML04": "ML-4", "ML05": "ML-5", "ML06": "ML-6",
    "ML07": "ML-7", "ML08": "ML-8", "ML09": "ML-BKO",
    "NE001": "NE-1", "NE002": "NE-2", "NE003": "NE-3", "NE004": "NE-4", "NE005": "NE-5",
    "NE006": "NE-6", "NE007": "NE-7", "NE008": "NE-8",
}
# Other spellings of region names (English, older forms, the 2016 region
# Taoudénit, which the 2021 COD-AB still counts in Tombouctou).
ALT1 = {
    "Tombouctou": ["Timbuktu", "Tomboctou", "Taoudénit", "Taoudeni", "Taoudenni"],
    "Ségou": ["Segu"], "Tillabéri": ["Tillabery", "Tillaberi"], "Niamey": ["Niamey Capital District"],
    "Boucle du Mouhoun": ["Mouhoun"], "Plateau-Central": ["Plateau Central"],
    "Hauts-Bassins": ["Haut-Bassins", "Hauts Bassins"],
}
# Burkina region names that are ordinary words or name the whole Sahel: only
# their "X region" / "Région du X" forms are place names.
GENERIC = {"Centre", "Est", "Nord", "Sahel"}
COUNTRY = {
    "ML": ("Mali", ["République du Mali", "Republic of Mali"]),
    "BF": ("Burkina Faso", ["Burkina", "Upper Volta", "Haute-Volta"]),
    "NE": ("Niger", ["République du Niger", "Republic of the Niger", "Republic of Niger"]),
}
UNIT2 = {"ML": ("Cercle de {}", ["{} Cercle", "{} cercle", "{} Circle"]),
         "NE": ("Département de {}", ["{} Department", "{} department", "{} Departement"]),
         "BF": ("Province de {}", ["{} Province", "{} province", "Province du {}"])}
BF_REGION_FR = {
    "Boucle du Mouhoun": "Région de la Boucle du Mouhoun", "Cascades": "Région des Cascades",
    "Centre": "Région du Centre", "Est": "Région de l'Est", "Hauts-Bassins": "Région des Hauts-Bassins",
    "Nord": "Région du Nord", "Plateau-Central": "Région du Plateau-Central", "Sahel": "Région du Sahel",
}
SOURCES = [("ML", "mli"), ("BF", "bfa"), ("NE", "ner")]
# GeoNames rows whose coordinates are wrong, corrected in a copy of the dump
# before the import: geonameid -> (lat, lon, why).
GEONAMES_FIX = {
    # 15°13'N 0°18'E written as 0°18'W: the point lies 11 km outside Ansongo
    # cercle (Tessit is a commune of Ansongo) and about 100 km from Ansongo
    # town (the commune's seat is some 60 km south-west of it); GeoNames'
    # own camp row "Tessi" (2449881, alternate name Tessit) is at 0.2925 E.
    "10343856": ("15.21667", "0.3", "Tessit: longitude sign"),
}


def norm(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(w for w in re.split(r"[^0-9a-z]+", s) if w)


def ascii_name(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


# ---------------------------------------------------------------- polygons

def dp(points, tol):
    """Douglas-Peucker on an open list of points (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        n = math.hypot(dx, dy)
        best, at = -1.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / n if n > 0 else math.hypot(x - x1, y - y1)
            if d > best:
                best, at = d, i
        if at >= 0 and best > tol:
            keep[at] = True
            stack.append((a, at))
            stack.append((at, b))
    return [p for p, k in zip(points, keep) if k]


def signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2.0


def simplify_ring(ring, tol, exterior):
    pts = ring[:-1] if ring[0] == ring[-1] else ring
    if len(pts) < 4:
        return None
    # split at the point farthest from the first so both halves are open paths
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
    out = dp(pts[:far + 1], tol)[:-1] + dp(pts[far:] + [pts[0]], tol)[:-1]
    out = [(round(x, 4), round(y, 4)) for x, y in out]
    dedup = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    if len(dedup) < 3:
        return None
    dedup.append(dedup[0])
    if abs(signed_area(dedup)) < tol * tol:
        return None
    if (signed_area(dedup) > 0) != exterior:  # RFC 7946: exterior counter-clockwise
        dedup.reverse()
    return [[x, y] for x, y in dedup]


def simplify(geom, tol):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polys:
        ext = simplify_ring(poly[0], tol, True)
        if ext is None:
            continue
        holes = [h for h in (simplify_ring(r, tol, False) for r in poly[1:]) if h]
        out.append([ext] + holes)
    if not out:
        raise SystemExit("a polygon vanished when simplified; lower TOLERANCE")
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def rings_of(geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return polys


def point_in_ring(x, y, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(geom, x, y):
    for poly in rings_of(geom):
        if point_in_ring(x, y, poly[0]) and not any(point_in_ring(x, y, h) for h in poly[1:]):
            return True
    return False


def interior_point(geom):
    """A point inside the polygon: the centroid of its largest part when
    inside, else the inside grid point (40 x 40) farthest from the edge."""
    polys = rings_of(geom)
    poly = max(polys, key=lambda p: abs(signed_area(p[0])))
    ring = poly[0]
    a = signed_area(ring)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    if contains(geom, cx, cy):
        return cx, cy
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    best, at = -1.0, None
    for i in range(1, 40):
        for j in range(1, 40):
            x = min(xs) + (max(xs) - min(xs)) * i / 40
            y = min(ys) + (max(ys) - min(ys)) * j / 40
            if contains(geom, x, y):
                d = min(math.hypot(x - px, y - py) for px, py in ring)
                if d > best:
                    best, at = d, (x, y)
    return at


def load_level(data, level):
    units = []
    for cc, stem in SOURCES:
        path = os.path.join(data, "boundaries", f"{stem}_adm{level}.geojson")
        with open(path, encoding="utf-8") as f:
            fc = json.load(f)
        for feat in fc["features"]:
            p = feat["properties"]
            raw = p["name"]
            name = NAME_FIX.get((cc, raw), raw)
            code = p.get("code", "")
            iso = ""
            alt = []
            if cc == "BF" and level == 2:
                name, code = BF_PROVINCES[raw]
                iso = code
            elif cc == "BF":
                iso = code
            else:
                iso = ISO1.get(code, "")
            if raw != name:
                alt.append(raw)
            alt += ALT1.get(name, []) if level == 1 else []
            parent = p.get("adm1_name") or ""
            parent = NAME_FIX.get((cc, parent), parent)
            units.append({"name": name, "code": code, "iso": iso, "country": cc, "parent": parent,
                          "alt": [a for a in dict.fromkeys(alt) if norm(a) != norm(name)],
                          "geometry": simplify(feat["geometry"], TOLERANCE),
                          "source": "ocha-cod-ab" if cc != "BF" else "geoboundaries"})
    return units


def fill_bf_parents(admin1, admin2):
    for u in admin2:
        if u["country"] != "BF" or u["parent"]:
            continue
        x, y = interior_point(u["geometry"])
        for r in admin1:
            if r["country"] == "BF" and contains(r["geometry"], x, y):
                u["parent"] = r["name"]
                break


def write_fc(path, units):
    feats = []
    for u in sorted(units, key=lambda u: (u["country"], u["code"])):
        props = {"name": u["name"], "code": u["code"], "iso": u["iso"], "country": u["country"]}
        if u["parent"]:
            props["parent"] = u["parent"]
        props["alt"] = ",".join(u["alt"])
        props["source"] = u["source"]
        feats.append({"type": "Feature", "properties": props, "geometry": u["geometry"]})
    text = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False,
                      separators=(",", ":"))
    # one feature per line keeps diffs readable
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text + "\n")
    os.replace(path + ".tmp", path)


# ---------------------------------------------------------------- places

def unit_rows(admin1, admin2):
    rows = []
    for cc, (name, alts) in COUNTRY.items():
        parts = [u for u in admin1 if u["country"] == cc]
        # area-weighted mean of the regions' interior points
        w = [(abs(signed_area(rings_of(u["geometry"])[0][0])), interior_point(u["geometry"])) for u in parts]
        tot = sum(a for a, _ in w)
        x = sum(a * p[0] for a, p in w) / tot
        y = sum(a * p[1] for a, p in w) / tot
        rows.append(row(f"a0:{cc}", name, alts, y, x, "A", "PCLI", cc, "", "", "", "", "boundaries"))
    for u in admin1:
        n = u["name"]
        fr = BF_REGION_FR.get(n) or (f"Région de {n}" if n[0] not in "AEIOUÉ" else f"Région d'{n}")
        if u["country"] == "BF" and n not in BF_REGION_FR:
            fr = f"Région du {n}"
        if n == "Bamako":
            fr = "District de Bamako"
        alts = [f"{n} Region", f"{n} region", f"Région {n}", f"Region of {n}"]
        if n not in GENERIC:
            alts.append(n)
        for a in u["alt"]:
            if norm(a) in ("taoudenit", "taoudeni", "taoudenni"):
                continue  # a region of its own since 2016: not a name of Tombouctou
            alts += [a, f"{a} Region", f"Région de {a}"]
        alts += [c for c in (u["code"], u["iso"]) if c]
        x, y = interior_point(u["geometry"])
        rows.append(row(f"a1:{u['code']}", fr, alts, y, x, "A", "ADM1", u["country"], u["code"], n, "", "",
                        "boundaries"))
    for u in admin2:
        n = u["name"]
        pattern, others = UNIT2[u["country"]]
        if n.startswith("Ville de "):
            fr, alts = n, [n.replace("Ville de ", "") + " city"]
        else:
            fr = pattern.format(n)
            alts = [o.format(n) for o in others] + [n]
            for a in u["alt"]:
                alts += [a] + [o.format(a) for o in others]
        alts += [c for c in (u["code"], u["iso"]) if c]
        x, y = interior_point(u["geometry"])
        p1 = next(r for r in admin1 if r["country"] == u["country"] and r["name"] == u["parent"])
        rows.append(row(f"a2:{u['code']}", fr, alts, y, x, "A", "ADM2", u["country"], p1["code"], p1["name"],
                        u["code"], n, "boundaries"))
    return rows


def row(id_, name, alts, lat, lon, fc, code, cc, a1c, a1, a2c, a2, source, pop="0"):
    seen = {norm(name)}
    keep = []
    for a in alts:
        if norm(a) and norm(a) not in seen:
            seen.add(norm(a))
            keep.append(a)
    return {"id": id_, "name": name, "asciiname": ascii_name(name), "alternatenames": ",".join(keep),
            "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "feature_class": fc, "feature_code": code, "country": cc,
            "admin1_code": a1c, "admin1": a1, "admin2_code": a2c, "admin2": a2, "population": pop,
            "source": source}


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:] if l.strip()]


# ---------------------------------------------------------------- curated admin units

MATCH_KM = 15.0      # a curated fact names the GeoNames row of one of its names within this distance
OVERRIDE_KM = 25.0   # a curated cercle farther than this from the row's point is reported, not applied


def haversine_km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def km_to_unit(geom, lon, lat):
    """0 inside the polygon, else the great-circle distance (km) to its
    nearest vertex or edge point (edges taken straight in lon/lat)."""
    if contains(geom, lon, lat):
        return 0.0
    best = float("inf")
    for poly in rings_of(geom):
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                dx, dy = x2 - x1, y2 - y1
                n = dx * dx + dy * dy
                t = 0.0 if n == 0 else max(0.0, min(1.0, ((lon - x1) * dx + (lat - y1) * dy) / n))
                best = min(best, haversine_km(lon, lat, x1 + t * dx, y1 + t * dy))
    return best


def curated_admin(places, admin1, admin2, curated):
    """Our curated facts name each place's admin-2 unit (cercle, département,
    province); where it differs from the polygon that holds the GeoNames
    point, the curated unit and its admin-1 parent replace the polygon's.

    A fact's row: a `curated` row has the fact's id; otherwise the
    `geonames+curated` row the import merged it into, found as the import
    finds it (same country, one of the fact's names among the row's names,
    within MATCH_KM of the fact's point; populated places first, then the
    lowest id). An override is applied only when the row's point lies within
    OVERRIDE_KM of the curated unit's polygon (a generalised border, not a
    wrong fact). Returns the changes as printable lines."""
    units2 = {}
    for u in admin2:
        for n in [u["name"]] + u["alt"]:
            units2.setdefault((u["country"], norm(n)), u)
    codes1 = {(u["country"], u["name"]): u["code"] for u in admin1}
    by_id = {p["id"]: p for p in places}
    merged = [p for p in places if p["source"] == "geonames+curated"]
    changes = []
    for f in curated:
        if not f["admin2"]:
            continue
        unit = units2.get((f["country"], norm(f["admin2"])))
        if unit is None:
            sys.exit(f"curated.tsv: {f['id']}: admin2 {f['admin2']!r} is no admin-2 unit of {f['country']} "
                     "(write the unit's name as in admin2.geojson)")
        row = by_id.get(f["id"])
        if row is None:
            names = {norm(n) for n in [f["name"], f["asciiname"]] + f["alternatenames"].split(",") if n}
            flat, flon = float(f["lat"]), float(f["lon"])
            hits = [p for p in merged if p["country"] == f["country"]
                    and names & {norm(n) for n in [p["name"], p["asciiname"]] + p["alternatenames"].split(",") if n}
                    and haversine_km(flon, flat, float(p["lon"]), float(p["lat"])) < MATCH_KM]
            if not hits:
                continue
            row = min(hits, key=lambda p: (p["feature_class"] != "P", int(p["id"]) if p["id"].isdigit() else 1 << 62))
        if row["admin2_code"] == unit["code"]:
            continue
        lon, lat = float(row["lon"]), float(row["lat"])
        km = km_to_unit(unit["geometry"], lon, lat)
        was = f"{row['admin2'] or '-'} ({row['admin1'] or '-'})"
        if km > OVERRIDE_KM:
            changes.append(f"  kept {row['id']} {row['name']}: {was}; curated {unit['name']} is {km:.1f} km away")
            continue
        row["admin2"], row["admin2_code"] = unit["name"], unit["code"]
        row["admin1"], row["admin1_code"] = unit["parent"], codes1[(unit["country"], unit["parent"])]
        changes.append(f"  {row['id']} {row['name']}: {was} -> {unit['name']} ({unit['parent']}), "
                       f"{km:.1f} km outside it")
    return changes


def fixed_dumps(g, tmp):
    """The GeoNames dumps, with the rows of GEONAMES_FIX corrected (in copies
    under tmp when a dump holds one)."""
    out = []
    for c in ("ML", "BF", "NE"):
        path = os.path.join(g, f"{c}.txt")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        hits = 0
        for i, l in enumerate(lines):
            gid = l.split("\t", 1)[0]
            if gid in GEONAMES_FIX:
                f_ = l.split("\t")
                f_[4], f_[5] = GEONAMES_FIX[gid][:2]
                lines[i] = "\t".join(f_)
                hits += 1
        if hits:
            path = os.path.join(tmp, f"{c}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
        out.append(path)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"),
                    help="folder holding gazetteer/ and boundaries/ (default ../shared/data)")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "casualty-atlas"),
                    help="casualty-atlas binary (default target/release/casualty-atlas)")
    a = ap.parse_args()
    admin1 = load_level(a.data, 1)
    admin2 = load_level(a.data, 2)
    fill_bf_parents(admin1, admin2)
    tmp = tempfile.mkdtemp(prefix="gazbuild")
    try:
        write_fc(os.path.join(tmp, "a1.geojson"), admin1)
        write_fc(os.path.join(tmp, "a2.geojson"), admin2)
        g = os.path.join(a.data, "gazetteer")
        cmd = [a.bin, "gazetteer", "import"] + fixed_dumps(g, tmp) + [
            "--admin1-codes", os.path.join(g, "admin1CodesASCII.txt"),
            "--admin2-codes", os.path.join(g, "admin2Codes.txt"),
            "--admin1-polygons", os.path.join(tmp, "a1.geojson"),
            "--admin2-polygons", os.path.join(tmp, "a2.geojson"),
            "--feature-classes", "P,A,H,S,L,V,T,R,U", "--out", os.path.join(tmp, "out"), "--quiet"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode not in (0, 1) or not os.path.exists(os.path.join(tmp, "out", "places.tsv")):
            sys.exit(f"import failed ({r.returncode}):\n{r.stderr}")
        places = read_tsv(os.path.join(tmp, "out", "places.tsv"))
    finally:
        shutil.rmtree(tmp)
    changes = curated_admin(places, admin1, admin2, read_tsv(os.path.join(GAZ, "curated.tsv")))
    names1 = {(u["country"], u["name"]) for u in admin1}
    kept = []
    dropped = 0
    for p in places:
        fc, code = p["feature_class"], p["feature_code"]
        ok = fc == "P" or (fc == "A" and code not in ("ADM1", "ADM2", "PCLI", "ADM1H", "ADM2H", "PCLH")) \
            or fc in KEEP_CLASSES or "curated" in p["source"]
        # rows more than 5 km outside their country's polygons (GeoNames
        # lists some border villages under both countries) are left out
        if ok and (p["country"], p["admin1"]) in names1:
            kept.append(p)
        else:
            dropped += 1
    units = unit_rows(admin1, admin2)
    out = os.path.join(GAZ, "places.tsv")
    with open(out + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for p in units + kept:
            f.write("\t".join(p[c] for c in COLUMNS) + "\n")
    os.replace(out + ".tmp", out)
    write_fc(os.path.join(GAZ, "admin1.geojson"), admin1)
    write_fc(os.path.join(GAZ, "admin2.geojson"), admin2)
    by = {}
    for p in kept:
        by[p["country"]] = by.get(p["country"], 0) + 1
    print(f"places.tsv: {len(units) + len(kept)} rows ({len(units)} admin units and countries; "
          f"{' '.join(f'{k} {v}' for k, v in sorted(by.items()))}); {dropped} import rows left out")
    applied = [c for c in changes if not c.startswith("  kept")]
    print(f"curated admin-2 units over the polygons': {len(applied)} row(s) changed, "
          f"{len(changes) - len(applied)} kept")
    print("\n".join(changes))
    for f in ("places.tsv", "admin1.geojson", "admin2.geojson"):
        print(f"{f}: {os.path.getsize(os.path.join(GAZ, f)):,} bytes")


if __name__ == "__main__":
    main()
