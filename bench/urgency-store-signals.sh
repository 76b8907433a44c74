#!/usr/bin/env bash
# Urgency ranking on our held-out labels when the store signals count (issue 5 item 6): the labelled gov_messages
# files are imported with their authors (留言用户) and times, the real analysis worker scores them — once with the
# store signals (repeated contact, growing clusters, members raised) and once with them switched off through the
# Urgency section — and Spearman / precision of the top 10 % are computed on the stored scores of the held-out half
# exactly as RankingReport does. Nothing is tuned on it. Usage: bench/urgency-store-signals.sh [../shared/data]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$(cd "${1:-$root/../shared/data}" && pwd)"
gov="$data/gov_messages_teddy2020"
work="$(mktemp -d /tmp/urgency-signals.XXXXXX)"
worker=""
cleanup() { [[ -n "$worker" ]] && kill "$worker" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$root/monitor" --help >/dev/null

run() { # run NAME [ENV=VALUE...]: import, analyse with the worker until nothing is pending, export
  local name="$1"; shift
  local dir="$work/$name"
  mkdir -p "$dir"
  for file in hot_issue_messages replied_messages; do
    "$root/monitor" import "$gov/$file.csv" --mapping "$root/ingest/Import/Mappings/$file.json" --data "$dir" >&2
  done
  env "$@" "$root/monitor" worker --data "$dir" >"$dir/worker.log" 2>&1 &
  worker=$!
  until [[ "$(sqlite3 "$dir/monitor.db" "SELECT count(*) FROM analyses WHERE state IN ('pending','failed')" 2>/dev/null || echo 1)" == 0 ]]; do
    sleep 2
  done
  kill "$worker"; wait "$worker" 2>/dev/null || true; worker=""
  "$root/monitor" export --data "$dir" >"$work/$name.jsonl"
}

run with-signals
run text-only Urgency__RepeatContactWindow=00:00:00.001 Urgency__ClusterGrowthWindow=00:00:00.001 Urgency__MaxMemberUpdatesPerBatch=0

python3 - "$root/nlp/Labels/gov_messages_labels.csv" "$gov" "$work/with-signals.jsonl" "$work/text-only.jsonl" <<'PY'
import csv, hashlib, json, sys
labels_csv, gov, with_signals, text_only = sys.argv[1:5]
prefix = {"hot_issue_messages.csv": "teddy2020-fj3-", "replied_messages.csv": "teddy2020-fj4-"}
number = {}  # (file, src_row) -> source id
for file in prefix:
    with open(f"{gov}/{file}", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            number[(file, row["src_row"])] = prefix[file] + row["留言编号"]

def held_out(file, src_row):
    return hashlib.sha256(f"{file}:{src_row}".encode()).digest()[0] & 1 == 1

halves = {"heldout": [], "tuning": []}
with open(labels_csv, encoding="utf-8") as f:
    for row in csv.DictReader(f):
        half = "heldout" if held_out(row["file"], row["src_row"]) else "tuning"
        halves[half].append((number[(row["file"], row["src_row"])], int(row["urgency"])))

def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r

def pearson(x, y):
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return 0 if sxx == 0 or syy == 0 else sxy / (sxx * syy) ** 0.5

for split, labels in halves.items():
  for name, path in (("text only", text_only), ("with store signals", with_signals)):
    stored = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            if m.get("urgency"):
                stored[m["source_id"]] = m["urgency"]
    scores = [stored[s]["score"] for s, _ in labels]
    gold = [l for _, l in labels]
    n = len(scores)
    top = max(1, round(n * 0.1))
    ranked = sorted(range(n), key=lambda i: (-scores[i], i))[:top]
    signal = sum(1 for s, _ in labels if any("earlier message" in r or "cluster grew" in r for r in stored[s]["reasons"]))
    print(f"{split:8s} {name:20s} rows {n}  Spearman {pearson(ranks(scores), ranks(gold)):.4f}  precision@top10% {sum(1 for i in ranked if gold[i] >= 2) / top:.4f}"
          f"  (messages with a store-signal reason: {signal})")
PY
