#!/usr/bin/env python3
"""Check dedup against the gold event keys.

Usage:
    python3 dedup_check.py --gold DIR --members PRE --merged POST [--score-dir DIR] [--json]

PRE   the incidents before dedup (e.g. `casualty-atlas extract seeds/*.txt -o pre.ndjson`),
      NDJSON, GeoJSON FeatureCollection or a JSON array; each needs `doc` and `id`.
POST  the incidents after dedup (e.g. `output/incidents.geojson` from `report`): merged
      records list their members in `sources` (`doc:id`) or `merged_from` (ids).
DIR   the gold folder (one JSON per article; each gold incident has an `event_key`).

Each PRE incident is matched to a gold incident of its own document; matching is done
by the helpers of the shared scorer (`score.py`, found in --score-dir, default
../../../shared/eval relative to this file) when it is there,
otherwise by a simple fallback (same normalised place name, dates within 3 days).
Then, over the POST records:

* a *double-counted* event key is one that appears in more than one POST record;
* a *wrong merge* is a POST record whose members match different event keys.

Prints the counts (and the offending keys and records). Python 3 standard library only.
Exit status 0 after checking, 2 when an input cannot be read.
"""

import argparse
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SCORE_DIRS = [
    os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "eval")),
]


def load_scorer(extra):
    for d in ([extra] if extra else []) + SCORE_DIRS:
        if d and os.path.isfile(os.path.join(d, "score.py")):
            sys.path.insert(0, d)
            try:
                import score  # noqa: E402  (the shared scorer, read at run time)
                return score
            except Exception as e:  # pragma: no cover
                print(f"note: cannot import score.py from {d}: {e}", file=sys.stderr)
            finally:
                sys.path.pop(0)
    return None


def read_json_items(path):
    """Incident dicts from NDJSON, a GeoJSON FeatureCollection or a JSON array."""
    with open(path, encoding="utf-8-sig") as f:
        text = f.read().strip()
    if not text:
        return []
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if whole is None:
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON: {e}")
        return out
    return flatten(whole)


def flatten(obj):
    if isinstance(obj, list):
        return [x for o in obj for x in flatten(o)]
    if isinstance(obj, dict):
        if obj.get("type") == "FeatureCollection":
            return [x for f in obj.get("features") or [] for x in flatten(f)]
        if obj.get("type") == "Feature":
            inc = dict(obj.get("properties") or {})
            g = obj.get("geometry") or {}
            c = g.get("coordinates") if isinstance(g, dict) else None
            if isinstance(c, list) and len(c) >= 2:
                inc["lon"], inc["lat"] = c[0], c[1]
            return [inc]
        return [obj]
    return []


def doc_key(v):
    b = os.path.basename(str(v or ""))
    return b[:-4] if b.endswith(".txt") else b


def norm(s):
    s = unicodedata.normalize("NFD", str(s or "").lower())
    return "".join(c for c in s if c.isalnum())


def load_gold(gold_dir):
    gold = {}
    for fn in sorted(os.listdir(gold_dir)):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(gold_dir, fn), encoding="utf-8-sig") as f:
            g = json.load(f)
        gold[doc_key(g.get("doc") or fn[:-5])] = g.get("incidents") or []
    if not gold:
        raise ValueError(f"no gold files in {gold_dir}")
    return gold


def fallback_match(golds, preds):
    """Greedy one-to-one: same normalised place, dates (when both) within 3 days."""
    import datetime as dt

    def day(v):
        try:
            return dt.date.fromisoformat(str(v)[:10])
        except ValueError:
            return None

    pairs, used = [], set()
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            if gi in used or norm(g.get("place")) != norm(p.get("place")):
                continue
            a, b = day(g.get("date_start")), day(p.get("date_start"))
            if a and b and abs((a - b).days) > 3:
                continue
            used.add(gi)
            pairs.append((gi, pi))
            break
    return pairs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--members", required=True, help="incidents before dedup")
    ap.add_argument("--merged", required=True, help="incidents after dedup")
    ap.add_argument("--score-dir", default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="list each member's event key")
    a = ap.parse_args(argv)
    try:
        gold = load_gold(a.gold)
        members = read_json_items(a.members)
        merged = read_json_items(a.merged)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    scorer = load_scorer(a.score_dir)
    match = scorer.match_doc if scorer else fallback_match
    if not scorer:
        print("note: score.py not found, using the fallback matcher", file=sys.stderr)

    # member (doc, id) -> gold event key
    key_of = {}
    by_doc = {}
    for p in members:
        by_doc.setdefault(doc_key(p.get("doc")), []).append(p)
    for d, preds in by_doc.items():
        golds = gold.get(d)
        if not golds:
            continue
        for gi, pi in match(golds, preds):
            key_of[(d, str(preds[pi].get("id")))] = golds[gi].get("event_key")

    if a.verbose:
        for p in members:
            k = (doc_key(p.get("doc")), str(p.get("id")))
            print(f"{k[0]}:{k[1]}\t{p.get('place')}\t{key_of.get(k, '-')}", file=sys.stderr)

    records_of_key = {}
    wrong = []
    for r in merged:
        if r.get("sources"):
            mem = []
            for s in r["sources"]:
                d, _, i = str(s).partition(":")
                mem.append((doc_key(d), i))
        elif r.get("merged_from"):
            mem = [(doc_key(r.get("doc")), str(i)) for i in r["merged_from"]]
        else:
            mem = [(doc_key(r.get("doc")), str(r.get("id")))]
        keys = sorted({key_of[m] for m in mem if key_of.get(m)})
        rid = str(r.get("id"))
        for k in keys:
            records_of_key.setdefault(k, []).append(rid)
        if len(keys) > 1:
            wrong.append({"record": rid, "members": [f"{d}:{i}" for d, i in mem], "event_keys": keys})

        # total deaths after dedup against the truth counted once per event (the
    # median of the documents' best figures for each gold event key)
    per_key = {}
    for gs in gold.values():
        for g in gs:
            if g.get("event_key"):
                per_key.setdefault(g["event_key"], []).append(g.get("deaths_best") or 0)
    truth = sum(sorted(v)[len(v) // 2] for v in per_key.values())
    total = 0
    for r in merged:
        try:
            total += int(r.get("deaths_best") or 0)
        except (TypeError, ValueError):
            pass
    double = {k: v for k, v in sorted(records_of_key.items()) if len(v) > 1}
    gold_keys = sorted({g.get("event_key") for gs in gold.values() for g in gs if g.get("event_key")})
    result = {
        "gold_event_keys": len(gold_keys),
        "event_keys_found": len(records_of_key),
        "members": len(members),
        "members_matched": len(key_of),
        "records": len(merged),
        "double_counted": len(double),
        "wrong_merges": len(wrong),
        "double_counted_keys": double,
        "wrong_merge_records": wrong,
                "matcher": "score.py" if scorer else "fallback",
        "deaths_after_dedup": total,
        "deaths_truth_once_per_event": truth,
        "deaths_ratio": round(total / truth, 3) if truth else None,
    }
    if a.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"gold event keys      {result['gold_event_keys']}")
        print(f"event keys found     {result['event_keys_found']}  "
              f"({result['members_matched']} of {result['members']} members matched, {result['matcher']})")
        print(f"records after dedup  {result['records']}")
        print(f"double-counted keys  {result['double_counted']}")
        for k, v in double.items():
            print(f"  {k}: {', '.join(v)}")
        print(f"wrong merges         {result['wrong_merges']}")
        for w in wrong:
            print(f"  {w['record']}: {', '.join(w['members'])} -> {', '.join(w['event_keys'])}")
        print(f"deaths after dedup   {total} against {truth} counted once per event"
              f" (ratio {result['deaths_ratio']}; target within 10 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
