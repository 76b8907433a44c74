#!/usr/bin/env bash
# Segmentation speed, side by side in one script run: our fast segmenter, jieba.NET and jieba-rs (npm @node-rs/jieba
# 2.0.3, Rust, prebuilt binary) over the same text file, single thread.
#   bench/segment-harness.sh [CORPUS] [PASSES]
# CORPUS defaults to every line of ../shared/data (bench/make-corpus.py). Prints, per engine: in-process MB/s per pass
# and median (one cut per line), cold start, memory; then whole-process runs (stdin → stdout as `./monitor segment`):
# wall time, MB/s, peak RSS, and cold start on a one-line input, each the median of 3 runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${TMPDIR:-/tmp}/monitor-segment-harness"
mkdir -p "$work"
corpus="${1:-$work/corpus.txt}"
passes="${2:-5}"
[[ -f "$corpus" ]] || python3 "$root/bench/make-corpus.py" "$root/../shared/data" "$corpus"
if [[ ! -d "$work/rs/node_modules/@node-rs/jieba" ]]; then
  (cd "$work" && mkdir -p rs && cd rs && npm init -y >/dev/null && npm install --silent @node-rs/jieba@2.0.3)
fi
export NODE_PATH="$work/rs/node_modules"
dotnet build "$root/bench/Monitor.Bench" -c Release -nologo -v quiet -clp:NoSummary >&2
"$root/monitor" segment </dev/null >/dev/null  # builds monitor if stale
bench="$root/bench/Monitor.Bench/bin/Release/net10.0/Monitor.Bench"
mb=$(python3 -c "import sys; print(round(len(open(sys.argv[1],'rb').read())/1e6, 2))" "$corpus")
echo "corpus: $corpus, $mb MB, $(wc -l <"$corpus") lines; $(nproc) cores; $(date -u +%FT%TZ)"

echo "== in process, 1 thread"
"$bench" throughput "$corpus" fast "$passes" 1
"$bench" throughput "$corpus" fast-spans "$passes" 1
node "$root/bench/jieba-rs-bench.mjs" throughput "$corpus" "$passes"
"$bench" throughput "$corpus" jiebanet 3 1
echo "== in process, 2 threads"
"$bench" throughput "$corpus" fast "$passes" 2

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run3() { # label, command...; prints median wall seconds and peak RSS
  local label="$1"; shift
  local times=() rss=()
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" <"$input" >"$work/out.$label"
    read -r t m <"$work/time"; times+=("$t"); rss+=("$m")
  done
  local t; t=$(printf '%s\n' "${times[@]}" | median)
  local m; m=$(printf '%s\n' "${rss[@]}" | median)
  echo "$label: $t s, $(python3 -c "print(round($size/$t/1e6, 2) if $t > 0 else 'inf')") MB/s, peak RSS $((m / 1024)) MiB"
}
echo "== whole process (stdin → stdout), median of 3"
input="$corpus"; size=$(stat -c %s "$corpus")
run3 monitor-fast "$root/monitor" segment
run3 jieba-rs node "$root/bench/jieba-rs-bench.mjs" segment
run3 monitor-jiebanet "$root/monitor" segment --engine jiebanet
echo "== cold start (one line), median of 3"
echo "正定县网格员接诉即办" >"$work/one.txt"; input="$work/one.txt"; size=1
run3 cold-monitor-fast "$root/monitor" segment | cut -d, -f1
run3 cold-jieba-rs node "$root/bench/jieba-rs-bench.mjs" segment | cut -d, -f1
run3 cold-monitor-jiebanet "$root/monitor" segment --engine jiebanet | cut -d, -f1
echo "== output agreement (whole corpus)"
python3 - "$work/out.monitor-fast" "$work/out.jieba-rs" "$work/out.monitor-jiebanet" <<'PY'
import sys
fast, rs, net = (open(p, encoding="utf-8").read().split("\n") for p in sys.argv[1:])
n = len(fast) - 1
print(f"monitor fast = jieba-rs on {sum(a == b for a, b in zip(fast[:n], rs[:n]))} of {n} lines; "
      f"= jieba.NET on {sum(a == b for a, b in zip(fast[:n], net[:n]))} of {n}")
PY
