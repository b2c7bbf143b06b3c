#!/usr/bin/env bash
# Times `casualty-atlas report` on the peers' workload (N synthetic incidents
# assigned to the 165 Sahel admin-2 polygons, summed by region x month) and,
# when they are installed, the peers' scripts; checks every output agrees.
#
# usage: tests/benches/peers.sh [N ...]        (default: 100000 1000000 10000000)
# env:   SHARED=../shared  PEERS="shapely_strtree duckdb_agg geopandas_agg"  THREADS=
#
# Needs ../shared/bench (the generator and the peers' scripts), python3 with
# numpy+pandas for the generator. Data goes to target/bench-data/.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
SHARED=${SHARED:-$ROOT/../shared}
B=$SHARED/bench
[ -d "$B" ] || { echo "no $B: nothing to run against" >&2; exit 2; }
DATA=$ROOT/target/bench-data
mkdir -p "$DATA"
NS=("$@"); [ ${#NS[@]} -eq 0 ] && NS=(100000 1000000 10000000)
PEERS=${PEERS:-"shapely_strtree duckdb_agg geopandas_agg"}
cargo build --release --quiet || exit 2
BIN=$ROOT/target/release/casualty-atlas
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
echo "# casualty-atlas $(git rev-parse --short HEAD 2>/dev/null), $(rustc --version)"
RESULTS=$(mktemp)
for N in "${NS[@]}"; do
  CUR_N=$N
  INC=$DATA/incidents_$N.csv
  [ -f "$INC" ] || python3 "$B/gen_incidents.py" "$N" "$INC" --seed 42 >/dev/null || exit 2
  echo "## N=$N ($(du -mL "$INC" | cut -f1) MB)"
  cat "$INC" > /dev/null
  OUT=$DATA/out_rust_$N
  rm -rf "$OUT"
  T=${THREADS:+--threads $THREADS}
  timed "casualty-atlas report" "$BIN" report "$INC" --by "$POLY" --period month --tolerance-km 0 --overlap all \
        --no-charts --no-html --no-dedup $T -o "$OUT" --quiet
  timed "casualty-atlas report --threads 1" "$BIN" report "$INC" --by "$POLY" --period month --tolerance-km 0 --overlap all \
        --no-charts --no-html --no-dedup --threads 1 -o "$OUT.t1" --quiet
  cmp -s "$OUT/aggregates_sahel_adm2_month.csv" "$OUT.t1/aggregates_sahel_adm2_month.csv" \
    && echo "  --threads 1 and default: identical bytes" || echo "  MISMATCH between thread counts"
  to_contract "$OUT"
  for P in $PEERS; do
    POUT=$DATA/out_${P}_$N
    if timed "$P" python3 "$B/baselines/$P.py" "$INC" "$POLY" "$POUT"; then
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
print("| N | " + " | ".join(labels) + " |")
print("|---|" + "---|" * len(labels))
for n, r in rows.items():
    print(f"| {int(n):,} | " + " | ".join(r.get(l, "-") for l in labels) + " |")
PY
rm -f "$RESULTS"
