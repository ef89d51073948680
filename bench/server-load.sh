#!/usr/bin/env bash
# Load measurements for `sitrep serve` (results: bench/server-load.md). Bounded: each wrk run lasts $DURATION.
# Needs wrk and chromium from Debian (apt-get install -y wrk chromium). Usage: bench/server-load.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/sitrep-load}"
duration="${DURATION:-20s}"
connections="${CONNECTIONS:-2}"
port=18401
mkdir -p "$work"
dotnet build "$root/src/Sitrep.Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/bench/Sitrep.Server.Load" -c Release -nologo -v q >/dev/null
load="$root/bench/Sitrep.Server.Load/bin/Release/net10.0/Sitrep.Server.Load"
sitrep="$root/src/Sitrep.Cli/bin/Release/net10.0/sitrep"

[ -f "$work/e1m.db" ] || "$load" seed "$work/e1m.db" 1000000
[ -f "$work/e10k.db" ] || "$load" seed "$work/e10k.db" 10000
"$load" article 4096 > "$work/article-4k.txt"

serve() { # DB: starts the server in the background and waits until it answers
  "$sitrep" serve --db "$1" --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null 2>&1 && return 0; sleep 0.3; done
  echo "server did not start" >&2; cat "$work/serve.log" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; }
p99() { # LABEL, then wrk arguments: prints one table row
  local label="$1"; shift
  local out; out="$(wrk -t1 -c"$connections" -d"$duration" --latency "$@")"
  local p50 p99 rps
  p50="$(awk '$1=="50%"{print $2}' <<<"$out")"; p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"
  echo "| $label | $p50 | $p99 | $rps |"
}

echo "## GET /api/events over $("$sitrep" stats --db "$work/e1m.db" 2>/dev/null | grep -m1 -i 'events' || echo '1,000,000 events')"
echo
echo "wrk -t1 -c$connections -d$duration --latency, loopback, server warmed by one request per URL"
echo
echo "| request | p50 | p99 | requests/s |"
echo "|---|---:|---:|---:|"
serve "$work/e1m.db"
base="http://127.0.0.1:$port/api/events"
for q in "limit=100" "place=Mosul&limit=100" "place=Mosul&from=2016-01-01&to=2016-03-31" "cameo=19&actor=IRQ&limit=100" \
         "near=36.3,43.1,100&from=2016-06-01&to=2016-06-30" "plover=assault&from=2015-05-01&to=2015-05-07" "actor=USA&cameo=04&place=Mosul"; do
  curl -sf "$base?$q" >/dev/null
  p99 "GET /api/events?$q" "$base?$q"
done
stop

echo
echo "## POST /api/extract of a 4 KB article ($(wc -c < "$work/article-4k.txt") bytes)"
echo
echo "| request | p50 | p99 | requests/s |"
echo "|---|---:|---:|---:|"
serve "$work/e10k.db"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
local f = io.open("$work/article-4k.txt", "rb"); wrk.body = f:read("*a"); f:close()
LUA
for _ in 1 2 3 4 5; do curl -sf -X POST -H 'Content-Type: text/plain' --data-binary @"$work/article-4k.txt" "http://127.0.0.1:$port/api/extract" >/dev/null; done
p99 "POST /api/extract (-c$connections)" -s "$work/post.lua" "http://127.0.0.1:$port/api/extract"
connections=1 p99 "POST /api/extract (-c1)" -s "$work/post.lua" "http://127.0.0.1:$port/api/extract"

echo
echo "## Page first view with 10,000 events (headless Chromium, fresh context per run, median of 5)"
echo
"$load" page "http://127.0.0.1:$port" 5
stop
