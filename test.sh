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

# The Quartz cluster test needs a real PostgreSQL: install and start the local cluster when it is not answering, give the
# postgres user the password the test uses and create its database. MONITOR_TEST_POSTGRES points the test elsewhere.
if [[ -z "${MONITOR_TEST_POSTGRES:-}" ]]; then
  as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }
  if ! { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; }; then
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
      echo "test.sh: installing postgresql" >&2
      { as_root apt-get update -qq >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2; } \
        || { echo "test.sh: FAILED: the cluster test needs PostgreSQL, and this user cannot install it (run as root, or set MONITOR_TEST_POSTGRES)" >&2; exit 1; }
    fi
    cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
    [[ -n "$cluster" ]] || { echo "test.sh: FAILED: PostgreSQL is installed but has no cluster (pg_lsclusters is empty)" >&2; exit 1; }
    # shellcheck disable=SC2086
    as_root pg_ctlcluster $cluster start >&2 || { echo "test.sh: FAILED: could not start PostgreSQL cluster $cluster" >&2; exit 1; }
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
  as_root su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres';\"" >/dev/null \
    || { echo "test.sh: FAILED: could not set the postgres password for the cluster test" >&2; exit 1; }
  as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'monitor_jobs'\"" | grep -q 1 \
    || as_root su postgres -c "psql -qc 'CREATE DATABASE monitor_jobs;'" >/dev/null \
    || { echo "test.sh: FAILED: could not create the database monitor_jobs for the cluster test" >&2; exit 1; }
fi

dotnet build Monitor.sln -c Release -nologo -v quiet -clp:NoSummary
rm -rf TestResults
set +e
# The live Elasticsearch contract runs only against a real cluster (MONITOR_ES_URL); none can run on these machines.
live=(--filter-not-trait "Category=LiveElasticsearch")
[[ -n "${MONITOR_ES_URL:-}" ]] && live=()
dotnet test --solution Monitor.sln -c Release --no-build --results-directory "$PWD/TestResults" --report-xunit-trx "${live[@]}"
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
