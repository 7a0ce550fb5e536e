#!/usr/bin/env bash
# Starts the real sessiond on a free port and inspects it the way operators do: first the buf curl
# session of docs/operations.md, command by command, with each output compared to the doc
# (operations_doc_test.mjs); then buf curl through server reflection lists the services, calls
# CreateSession and LoadSession, and checks health.
set -euo pipefail
source_dir="$1"
sessiond="$2"
buf="$source_dir/node_modules/.bin/buf"
[ -x "$buf" ] || { echo "buf is not installed: run scripts/install-deps (npm ci)"; exit 1; }

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The doc's session shows locations, so sessiond gets the test GeoIP database.
perl "$source_dir/tests/testing/geoip/write_test_mmdb.pl" "$work" >/dev/null
"$sessiond" --listen=127.0.0.1:0 --store="sqlite:$work/sessions.db" \
  --geoip-db="$work/test_city.mmdb" 2>"$work/log" &
pid=$!
address=""
for _ in $(seq 1 200); do
  address="$(sed -n 's/.*"listening":"\([^"]*\)".*/\1/p' "$work/log" | head -n 1)"
  [ -n "$address" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log"; echo "sessiond exited"; exit 1; }
  sleep 0.05
done
[ -n "$address" ] || { cat "$work/log"; echo "sessiond did not listen"; exit 1; }
url="http://$address"
curl_grpc() { "$buf" curl --protocol grpc --http2-prior-knowledge "$@"; }

expect() {  # expect NAME NEEDLE HAYSTACK
  if ! grep -qF -- "$2" <<<"$3"; then
    echo "FAIL $1: expected to find: $2"; echo "got:"; echo "$3"; exit 1
  fi
  echo "ok   $1"
}

PATH="$(dirname "$buf"):$PATH" node "$source_dir/tests/tools/operations_doc_test.mjs" \
  "$source_dir/docs/operations.md" "$url"

methods="$(curl_grpc --list-methods "$url")"
expect list-session-store "usersessions.v1.SessionStore/CreateSession" "$methods"
expect list-health "grpc.health.v1.Health/Check" "$methods"

created="$(curl_grpc -d '{"data":{"cart":["book"]},"user_id":"alice","client":{"ip_address":"::ffff:203.0.113.7","user_agent":"curl/8.0"}}' \
  "$url/usersessions.v1.SessionStore/CreateSession")"
expect create-returns-ip "\"ipAddress\": \"203.0.113.7\"" "$created"
key="$(node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(r.sessionKey)' <<<"$created")"
[ "${#key}" -eq 43 ] || { echo "FAIL session key length ${#key}"; exit 1; }
echo "ok   create-returns-key"

loaded="$(curl_grpc -d "{\"session_key\":\"$key\"}" "$url/usersessions.v1.SessionStore/LoadSession")"
expect load-returns-data "\"book\"" "$loaded"
expect load-returns-owner "\"userId\": \"alice\"" "$loaded"

if bad="$(curl_grpc -d '{"session_key":"nope"}' "$url/usersessions.v1.SessionStore/LoadSession" 2>&1)"; then
  echo "FAIL malformed key was accepted"; exit 1
fi
expect bad-key-code "invalid_argument" "$bad"

health="$(curl_grpc -d '{"service":"usersessions.v1.SessionStore"}' "$url/grpc.health.v1.Health/Check")"
expect readiness "SERVING" "$health"
echo "inspection: all checks passed"
