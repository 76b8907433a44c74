#!/usr/bin/env bash
# Runs every test of Monitor. Installs the system packages the tests need (Debian chromium for the browser tests,
# a CJK font so pages render Chinese) when they are missing, and fails loudly when it cannot.
# Prints one closing line "N passed, N failed"; a skipped test counts as failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
{ command -v fc-list >/dev/null 2>&1 && fc-list | grep -qi "WenQuanYi Micro Hei"; } || missing+=(fonts-wqy-microhei)
# Python jieba 0.42.1, the reference of the segmentation agreement tests (run by /usr/bin/python3).
{ [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "import jieba" 2>/dev/null; } || missing+=(python3-jieba)
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}" >&2
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "test.sh: FAILED: the tests need the Debian packages ${missing[*]}, and this user cannot install them (run as root or install them first)" >&2
    exit 1
  fi
fi
command -v chromium >/dev/null 2>&1 || { echo "test.sh: FAILED: chromium is still missing after install" >&2; exit 1; }

dotnet build Monitor.sln -c Release -nologo -v quiet -clp:NoSummary
rm -rf TestResults
set +e
dotnet test --solution Monitor.sln -c Release --no-build --results-directory "$PWD/TestResults" --report-xunit-trx
status=$?
set -e

passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
for trx in TestResults/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$counters"; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
failed=$((failed + skipped))
mkdir -p TestResults
echo "$passed $failed" > TestResults/counts
if ((total == 0)); then
  echo "test.sh: FAILED: no test ran (no TRX results in TestResults/)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
((skipped == 0)) || echo "test.sh: $skipped skipped test(s) counted as failed" >&2
echo "$passed passed, $failed failed"
if ((status != 0 || failed != 0)); then exit 1; fi
