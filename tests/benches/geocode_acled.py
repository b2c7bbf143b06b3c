#!/usr/bin/env python3
"""Geocoding benchmark: ACLED's exact locations as the measuring stick.

Reads the ACLED exports in ../shared/data/events/ at run time only (nothing
from them is written into the repository), keeps the rows with
geo_precision 1, and takes each distinct (location, country, admin1, admin2)
with ACLED's own point. Runs `casualty-atlas geocode --batch` over them with
country + admin1 hints (and with admin2 too), for the shipped gazetteer and
for one imported from ../shared/data/gazetteer with `gazetteer import`, and
prints the share of locations answered within 5, 10 and 25 km of ACLED's
point, the share answered more than 50 km away (point answers only), the
share answered at admin level (no acceptable place: the hinted unit) and not
found. Then the binary size, the startup time of `geocode` (median of 15
runs) and its peak memory.

Usage (from the repository root, after `cargo build --release`):
    python3 tests/benches/geocode_acled.py [--bin target/release/casualty-atlas] [--shared ../shared]
Prints "skipped" and exits 0 when ../shared/data/events is missing.
"""

import argparse
import csv
import glob
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time


def haversine_km(lat1, lon1, lat2, lon2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def acled_locations(events):
    seen = {}
    for path in sorted(glob.glob(os.path.join(events, "acled*.csv"))):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if (row.get("geo_precision") or "").strip() != "1":
                    continue
                try:
                    lat, lon = float(row["latitude"]), float(row["longitude"])
                except (KeyError, ValueError):
                    continue
                key = tuple((row.get(c) or "").strip() for c in ("location", "country", "admin1", "admin2"))
                if key[0] and key[1] in ("Mali", "Burkina Faso", "Niger"):
                    seen.setdefault(key, (lat, lon))
    return seen


def run_batch(binary, locs, hints, tmp, gaz=None):
    inp = os.path.join(tmp, "in.csv")
    out = os.path.join(tmp, "out.csv")
    with open(inp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "country"] + hints + ["ref_lat", "ref_lon"])
        for (name, country, a1, a2), (lat, lon) in locs.items():
            vals = {"admin1": a1, "admin2": a2}
            w.writerow([name, country] + [vals[h] for h in hints] + [lat, lon])
    cmd = [binary, "geocode", "--batch", inp, "-o", out, "--quiet"]
    if gaz:
        cmd += ["--gazetteer", gaz]
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.monotonic() - t0
    if r.returncode not in (0, 1):
        sys.exit(f"geocode --batch failed: {r.stderr}")
    n = within5 = within10 = within25 = far = admin = missing = 0
    with open(out, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n += 1
            if not row["lat"]:
                missing += 1
                continue
            if row["precision"] != "place":
                admin += 1
                continue
            d = haversine_km(float(row["ref_lat"]), float(row["ref_lon"]), float(row["lat"]), float(row["lon"]))
            within5 += d <= 5
            within10 += d <= 10
            within25 += d <= 25
            far += d > 50
    pct = lambda k: f"{100.0 * k / n:5.1f} %"
    return (f"n={n}  within 5 km {pct(within5)}  10 km {pct(within10)}  25 km {pct(within25)}  "
            f"> 50 km {pct(far)}  admin-level {pct(admin)}  not found {pct(missing)}  ({secs:.1f} s)")


def startup(binary, gaz=None):
    cmd = [binary, "geocode", "Bamako", "--country", "ML", "--limit", "1"]
    if gaz:
        cmd += ["--gazetteer", gaz]
    times, peak = [], 0
    for _ in range(15):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        times.append(time.monotonic() - t0)
        peak = max(peak, ru.ru_maxrss)
    return statistics.median(times) * 1000, peak / 1024


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "casualty-atlas"))
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    a = ap.parse_args()
    events = os.path.join(a.shared, "data", "events")
    if not os.path.isdir(events):
        print(f"skipped: {events} not found")
        return
    locs = acled_locations(events)
    print(f"ACLED exact locations (geo_precision 1), distinct (location, country, admin1, admin2): {len(locs)}")
    with tempfile.TemporaryDirectory() as tmp:
        print("shipped gazetteer, country + admin1 hints:          " + run_batch(a.bin, locs, ["admin1"], tmp))
        print("shipped gazetteer, country + admin1 + admin2 hints: " + run_batch(a.bin, locs, ["admin1", "admin2"], tmp))
        g = os.path.join(a.shared, "data", "gazetteer")
        b = os.path.join(a.shared, "data", "boundaries")
        gaz = os.path.join(tmp, "imported")
        cmd = [a.bin, "gazetteer", "import"] + [os.path.join(g, f"{c}.txt") for c in ("ML", "BF", "NE")] + [
            "--admin1-codes", os.path.join(g, "admin1CodesASCII.txt"),
            "--admin2-codes", os.path.join(g, "admin2Codes.txt"), "--out", gaz, "--quiet"]
        for lvl in ("1", "2"):
            for stem in ("mli", "bfa", "ner"):
                cmd += [f"--admin{lvl}-polygons", os.path.join(b, f"{stem}_adm{lvl}.geojson")]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode in (0, 1) and os.path.exists(os.path.join(gaz, "places.tsv")):
            print("imported gazetteer, country + admin1 hints:         " + run_batch(a.bin, locs, ["admin1"], tmp, gaz))
            ms, mb = startup(a.bin, gaz)
            print(f"imported gazetteer: geocode startup {ms:.0f} ms (median of 15), peak memory {mb:.0f} MiB")
        else:
            print(f"imported gazetteer: import failed: {r.stderr.strip()[:300]}")
    ms, mb = startup(a.bin)
    print(f"binary {os.path.getsize(a.bin) / 2**20:.1f} MiB ({a.bin}); shipped gazetteer: geocode startup "
          f"{ms:.0f} ms (median of 15), peak memory {mb:.0f} MiB")


if __name__ == "__main__":
    main()
