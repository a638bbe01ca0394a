#!/usr/bin/env bash
# Load on the HTTP server with wrk: POST enqueue, then GET queue status, each with 64
# connections on loopback for SECONDS (default 10), against a server on a fresh SQLite file
# (WAL, synchronous=NORMAL — the server's default store).
#
#   cargo build --release -p queue-server && bash queue-server/load/run.sh [SECONDS]
#
# SERVER_BIN picks another build (CI runs the debug one for a few seconds, as a smoke test).
# Prints wrk's report for each (requests/s, latency percentiles) and the non-2xx count,
# which must be 0. Needs wrk (Debian: apt-get install wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
bin=${SERVER_BIN:-target/release/connectnow-queue-server}
here=$(pwd)/queue-server/load
work=$(mktemp -d "${TMPDIR:-/tmp}/cnq-load.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
token=load-$(date +%s%N)
echo "$token" > "$work/admin-token"
RUST_LOG=warn "$bin" --db "$work/queue.db" --listen "127.0.0.1:$port" \
  --admin-token-file "$work/admin-token" 2> "$work/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  curl -fs "$base/healthz" >/dev/null && break
  sleep 0.1
done
call() { curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
company=$(call -X POST "$base/api/companies" -d '{"name": "Load"}' | field id)
queue=$(call -X POST "$base/api/queues" -d "{\"company_id\": \"$company\", \"name\": \"chat\"}" | field id)
export CNQ_TOKEN=$token CNQ_BODY="{\"queue_id\": \"$queue\", \"company_id\": \"$company\", \"name\": \"Visitor\"}"
echo "== POST /api/queued-objects (enqueue; no agent, so the line grows), 64 connections, ${secs}s"
wrk -t2 -c64 -d"${secs}s" --latency -s "$here/enqueue.lua" "$base/api/queued-objects" | tee "$work/enqueue.txt"
echo "== GET /api/queues/{id}/status, 64 connections, ${secs}s"
wrk -t2 -c64 -d"${secs}s" --latency -s "$here/auth.lua" "$base/api/queues/$queue/status" | tee "$work/status.txt"
if grep -q "Non-2xx" "$work/enqueue.txt" "$work/status.txt"; then
  echo "some requests failed" >&2
  exit 1
fi
