#!/usr/bin/env bash
# Runs two builds of casualty-atlas on the same inputs and compares every
# output byte for byte (files written, stdout, stderr, exit status).
#
#   bash tests/compare_outputs.sh BEFORE_BIN AFTER_BIN
#
# Inputs: the README's main command (and its SVG, admin2/grid and no-dedup
# variants), every file of tests/bad_inputs under the command its EXPECT.tsv
# row names (and under `report` and `extract`), and, when ../shared is
# present, the seed and development articles through `extract` and `report`
# and the gazetteer import of ../shared/data. Exit 0 when every case is
# identical, 1 otherwise (the differing cases are listed with a diff excerpt).
# KEEP_WORK=1 keeps both sides' outputs for a closer look.
set -uo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 BEFORE_BIN AFTER_BIN" >&2
  exit 2
fi
before=$(realpath "$1")
after=$(realpath "$2")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
if [ -n "${KEEP_WORK:-}" ]; then
  echo "outputs kept in $work"
else
  trap 'rm -rf "$work"' EXIT
fi
cases=0
differ=0

# run_case NAME ARGS... : runs both binaries in $work/{before,after}/NAME;
# the word @OUT in ARGS stands for the case's output directory (relative).
run_case() {
  local name=$1
  shift
  cases=$((cases + 1))
  for side in before after; do
    local bin=$before
    [ "$side" = after ] && bin=$after
    local dir="$work/$side/$name"
    mkdir -p "$dir"
    (
      cd "$dir" || exit 1
      "$bin" "$@" >stdout.txt 2>stderr.txt
      echo $? >exit.txt
    )
  done
  if ! diff -r "$work/before/$name" "$work/after/$name" >"$work/diff.txt" 2>&1; then
    differ=$((differ + 1))
    echo "DIFFERS: $name ($*)"
    head -20 "$work/diff.txt" | sed 's/^/    /'
  fi
}

sample="$repo/gazetteer/samples/sahel_incidents.csv"
run_case main report "$sample" -o out/
run_case main_svg report "$sample" -o out/ --chart-format svg
run_case main_levels report "$sample" -o out/ --by admin1,admin2,grid:0.5 --no-html
run_case main_nodedup report "$sample" -o out/ --no-dedup --period week --no-charts
run_case main_geojson_in report "$repo/tests/fixtures" -o out/ --no-charts --no-html

bad="$repo/tests/bad_inputs"
while IFS=$'\t' read -r file command _rest; do
  case "$file" in '#'* | '') continue ;; esac
  input="$bad/$file"
  case "$command" in
    report) run_case "expect_${file}_report" report "$input" -o out --no-charts ;;
    extract) run_case "expect_${file}_extract" extract "$input" -o incidents.ndjson ;;
    by) run_case "expect_${file}_by" report "$sample" --by "$input" -o out ;;
    gazetteer)
      for side in before after; do
        mkdir -p "$work/$side/expect_${file}_gazetteer/gaz"
        cp "$input" "$work/$side/expect_${file}_gazetteer/gaz/places.tsv"
        cp "$repo/gazetteer/admin1.geojson" "$work/$side/expect_${file}_gazetteer/gaz/"
      done
      run_case "expect_${file}_gazetteer" report "$sample" --gazetteer gaz -o out
      ;;
    import) run_case "expect_${file}_import" gazetteer import "$input" --out out/gaz ;;
  esac
done <"$bad/EXPECT.tsv"
for input in "$bad"/*; do
  file=$(basename "$input")
  [ "$file" = EXPECT.tsv ] && continue
  run_case "all_${file}_report" report "$input" -o out --no-charts
  run_case "all_${file}_extract" extract "$input" -o incidents.ndjson
done

shared="$repo/../shared"
if [ -d "$shared/corpus/seeds" ]; then
  for set in seeds dev/articles dev_fr/articles; do
    d="$shared/corpus/$set"
    [ -d "$d" ] || continue
    tag=${set%%/*}
    # (the articles themselves: the commands refuse a folder)
    run_case "corpus_${tag}_extract" extract "$d"/*.txt -o incidents.ndjson
    run_case "corpus_${tag}_report" report "$d"/*.txt -o out --no-charts
  done
  for set in own/en own/fr own2/en own2/fr; do
    run_case "eval_${set/\//_}_report" report "$repo/tests/eval/$set/articles"/*.txt -o out --no-charts
  done
fi
if [ -f "$shared/data/gazetteer/ML.txt" ]; then
  g="$shared/data/gazetteer"
  b="$shared/data/boundaries"
  run_case import_shared gazetteer import "$g/ML.txt" "$g/BF.txt" "$g/NE.txt" \
    --admin1-codes "$g/admin1CodesASCII.txt" --admin2-codes "$g/admin2Codes.txt" \
    --admin1-polygons "$b/mli_adm1.geojson" --admin1-polygons "$b/bfa_adm1.geojson" \
    --admin1-polygons "$b/ner_adm1.geojson" \
    --admin2-polygons "$b/mli_adm2.geojson" --admin2-polygons "$b/bfa_adm2.geojson" \
    --admin2-polygons "$b/ner_adm2.geojson" --out out/gaz --quiet
fi

echo "compared $cases cases: $differ differ"
[ "$differ" -eq 0 ]
