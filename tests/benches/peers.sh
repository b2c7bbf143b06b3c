#!/usr/bin/env bash
# Times `casualty-atlas report` on the peers' workload (N synthetic incidents
# assigned to the 165 Sahel admin-2 polygons, summed by region x month) and,
# when they are installed, the peers' scripts, all in one run:
#   1. "default": the command a user types (`report FILE --by POLY --period month`:
#      snapping within 5 km, charts, the page, dedup, the layer format `auto` picks);
#      the region x month layer it wrote is then opened with `ogrinfo` (timed) and sized;
#   2. "peers' semantics": the same with `--overlap all --tolerance-km 0 --no-dedup`
#      (the peers' spatial join: interior only, every overlapping polygon, every row),
#      whose table must agree with every peer's cell for cell;
#   3. the peers (under `nice`), each compared with run 2.
#
# usage: tests/benches/peers.sh [N ...]        (default: 100000 1000000 10000000)
# env:   SHARED=../shared  PEERS="shapely_strtree duckdb_agg geopandas_agg"  THREADS=
#        DATA=/tmp/casualty-atlas-bench (generated files: 0.7 GB at 10 M)  T1=1 (also time --threads 1)
#        BIN=path/to/casualty-atlas (a binary set aside, e.g. to alternate before and after; no build)
#
# Needs ../shared/bench (the generator and the peers' scripts), python3 with
# numpy+pandas for the generator.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
B=$SHARED/bench
[ -d "$B" ] || { echo "no $B: nothing to run against" >&2; exit 2; }
DATA=${DATA:-${TMPDIR:-/tmp}/casualty-atlas-bench}
mkdir -p "$DATA"
NS=("$@"); [ ${#NS[@]} -eq 0 ] && NS=(100000 1000000 10000000)
PEERS=${PEERS:-"shapely_strtree duckdb_agg geopandas_agg"}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet || exit 2
  BIN=$ROOT/target/release/casualty-atlas
fi
POLY=$DATA/sahel_adm2.geojson
[ -f "$POLY" ] || python3 "$B/make_sahel_adm2.py" "$SHARED/data/boundaries" "$POLY" >/dev/null || exit 2

# our tables -> the peers' output contract (regions_by_month.csv + regions.geojson)
to_contract() {  # OUTDIR
python3 - "$1" <<'PY'
import csv, json, sys, collections
d = sys.argv[1]
rows = []
with open(f"{d}/aggregates_sahel_adm2_month.csv", newline="") as f:
    for x in csv.DictReader(f):
        if x["kind"] != "region":
            continue
        rows.append((x["region"], x["period"], int(x["events"]), int(x["deaths_low"]), int(x["deaths_best"]), int(x["deaths_high"])))
rows.sort()
with open(f"{d}/regions_by_month.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["region", "month", "events", "deaths_low", "deaths_best", "deaths_high"])
    w.writerows(rows)
active = collections.Counter(r[0] for r in rows)
fc = json.load(open(f"{d}/regions_sahel_adm2.geojson"))
feats = []
for ft in fc["features"]:
    p = ft["properties"]
    if p["kind"] != "region":
        continue
    feats.append({"type": "Feature", "geometry": None, "properties": {k: p[k] for k in ("name", "events", "deaths_low", "deaths_best", "deaths_high")} | {"months_active": active.get(p["name"], 0)}})
json.dump({"type": "FeatureCollection", "features": feats}, open(f"{d}/regions.geojson", "w"))
PY
}

timed() {  # LABEL CMD... -> prints "LABEL wall_s user_s sys_s maxrss_mib"
  local label=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >/dev/null 2>"$tf.err" || { echo "$label FAILED: $(tail -3 "$tf.err")"; return 1; }
  read -r w u s m < "$tf"
  printf '%-34s %8.2f s  user %6.2f s  sys %5.2f s  peak %6.0f MiB\n' "$label" "$w" "$u" "$s" "$((m / 1024))"
  printf '%s|%s|%s|%s\n' "${CUR_N:-?}" "$label" "$w" "$((m / 1024))" >> "$RESULTS"
}

echo "# $(date -u +%FT%TZ) nproc=$(nproc) $(awk '/MemTotal/{printf "mem=%.0fGiB", $2/1048576}' /proc/meminfo) load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "# casualty-atlas $(git rev-parse --short HEAD 2>/dev/null) (binary $BIN), $(rustc --version)"
RESULTS=$(mktemp)
for N in "${NS[@]}"; do
  CUR_N=$N
  INC=$DATA/incidents_$N.csv
  [ -f "$INC" ] || python3 "$B/gen_incidents.py" "$N" "$INC" --seed 42 >/dev/null || exit 2
  echo "## N=$N ($(du -mL "$INC" | cut -f1) MB)"
  cat "$INC" > /dev/null
  OUT=$DATA/out_rust_$N
  rm -rf "$OUT" "$OUT.default" "$OUT.t1"
  T=${THREADS:+--threads $THREADS}
  # 1. what users run
  timed "casualty-atlas report (default)" "$BIN" report "$INC" --by "$POLY" --period month $T -o "$OUT.default" --quiet
  LAYER=$(ls "$OUT.default"/regions_sahel_adm2_month.* 2>/dev/null | head -1)
  if [ -n "$LAYER" ]; then
    SZ=$(du -k "$LAYER" | cut -f1)
    if command -v ogrinfo >/dev/null; then
      S0=$(date +%s.%N)
      ogrinfo -so "$LAYER" regions_sahel_adm2_month >/dev/null 2>&1 || ogrinfo -so -al "$LAYER" >/dev/null 2>&1
      OGR=$(echo "$(date +%s.%N) - $S0" | bc)
      printf '  layer %s: %.1f MB, ogrinfo -so opens it in %.2f s\n' "$(basename "$LAYER")" "$(echo "$SZ / 1024" | bc -l)" "$OGR"
    else
      printf '  layer %s: %.1f MB (ogrinfo not installed: open time not measured)\n' "$(basename "$LAYER")" "$(echo "$SZ / 1024" | bc -l)"
    fi
  fi
  # 2. the peers' semantics, for the cell-by-cell agreement
  timed "casualty-atlas report (peers' semantics)" "$BIN" report "$INC" --by "$POLY" --period month --tolerance-km 0 --overlap all \
        --no-dedup $T -o "$OUT" --quiet
  if [ -n "${T1:-}" ]; then
    timed "casualty-atlas report --threads 1" "$BIN" report "$INC" --by "$POLY" --period month --tolerance-km 0 --overlap all \
          --no-dedup --threads 1 -o "$OUT.t1" --quiet
    cmp -s "$OUT/aggregates_sahel_adm2_month.csv" "$OUT.t1/aggregates_sahel_adm2_month.csv" \
      && echo "  --threads 1 and default: identical bytes" || echo "  MISMATCH between thread counts"
  fi
  to_contract "$OUT"
  # 3. the peers
  for P in $PEERS; do
    POUT=$DATA/out_${P}_$N
    if timed "$P" nice python3 "$B/baselines/$P.py" "$INC" "$POLY" "$POUT"; then
      python3 "$B/compare.py" "$POUT" "$OUT" | tail -1 | sed 's/^/  /'
    fi
  done
done

# the table of the issue, with our columns, from this run
python3 - "$RESULTS" <<'PY'
import sys, collections
rows = collections.OrderedDict()
labels = []
for line in open(sys.argv[1]):
    n, label, wall, mib = line.rstrip("\n").split("|")
    rows.setdefault(n, {})[label] = f"{float(wall):.2f} s, {int(mib):,} MiB"
    if label not in labels:
        labels.append(label)
print()
print("| N | " + " | ".join(labels) + " | fastest peer / default |")
print("|---|" + "---|" * (len(labels) + 1))
for n, r in rows.items():
    ours = [l for l in r if l.startswith("casualty-atlas")]
    peers = [float(v.split()[0]) for l, v in r.items() if l not in ours]
    d = r.get("casualty-atlas report (default)")
    ratio = f"{min(peers) / float(d.split()[0]):.1f}x" if peers and d else "-"
    print(f"| {int(n):,} | " + " | ".join(r.get(l, "-") for l in labels) + f" | {ratio} |")
PY
rm -f "$RESULTS"
