#!/usr/bin/env bash
# schemathesis against the live HTTP server, driven by its own OpenAPI document: for every
# operation a bounded number of generated requests (and stateful sequences that feed one
# response's ids into the next request), checking that no answer is a 5xx and that every
# answer conforms to the documented status codes, content types and schemas.
#
#   bash .ci/schemathesis.sh [EXAMPLES_PER_OPERATION]   (default 10)
#
# Installs schemathesis from PyPI into a throwaway venv; runs the server binary the
# workspace build made (target/debug; SERVER_BIN picks another) on a fresh SQLite file with
# an admin token, which every request carries (as Bearer and as apiKey).
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-10}
bin=${SERVER_BIN:-target/debug/connectnow-queue-server}
[ -x "$bin" ] || cargo build --quiet -p queue-server
python=$(command -v python3.11 || command -v python3)
work=$(mktemp -d "${TMPDIR:-/tmp}/cnq-schemathesis.XXXXXX")
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==4.32.5"
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=schemathesis-$(date +%s%N)
echo "$token" > "$work/admin-token"
RUST_LOG=warn "$bin" --db "$work/queue.db" --listen "127.0.0.1:$port" \
  --admin-token-file "$work/admin-token" 2> "$work/server.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
# The coverage phase is left out: schemathesis 4.32 fails inside it on this document (an
# internal hypothesis error, not a finding); fuzzing and stateful runs cover every operation.
status=0
(cd "$work" && timeout 900 "$work/venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases fuzzing,stateful --max-examples "$examples" --seed 1 --workers 2 \
  -H "Authorization: Bearer $token" -H "apiKey: $token") || status=$?
if [ "$status" != 0 ]; then
  echo "--- the server's log:" >&2
  tail -50 "$work/server.log" >&2
fi
exit "$status"
