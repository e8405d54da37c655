#!/usr/bin/env bash
# Measures OFREP evaluation over HTTP with wrk on 127.0.0.1, beside two rows of
# loadtests/http-baseline measured in the same run: GET /v1/me (authentication alone, one grain
# call) and a single-key configuration GET (two grain calls). OFREP evaluation itself calls no
# grain, so each OFREP request costs the authentication's grain call plus the evaluation.
# Cases: single evaluation of a static flag, a targeting rule and a fractional split; bulk
# evaluation of 20 flags; and the bulk request again with If-None-Match (304, no evaluation).
# The api must be running with its per-caller rate limit off, so that the limit is not what is
# measured:  OrleansConfig__RateLimit__PermitsPerSecond=0 ./run.sh start
# Prints a Markdown table for docs/benchmarks.md.
#
# Options (environment): ORLEANSCONFIG_API_URL (default http://127.0.0.1:5080),
# ORLEANSCONFIG_ADMIN_KEY (default: the key ./run.sh keeps in .run/admin-key),
# BENCH_DURATION (default 15s per case), BENCH_CONNECTIONS (default 64), BENCH_THREADS (default 2).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
api=${ORLEANSCONFIG_API_URL:-http://127.0.0.1:5080}
duration=${BENCH_DURATION:-15s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
export REPORT_LUA="$repo/loadtests/http-baseline/report.lua"
key=${ORLEANSCONFIG_ADMIN_KEY:-$(cat "$repo/.run/admin-key" 2>/dev/null || true)}
if [[ -z $key ]]; then
  echo "No admin key: set ORLEANSCONFIG_ADMIN_KEY or start the api with ./run.sh start" >&2
  exit 1
fi
case $api in
  http://127.0.0.1:* | http://localhost:*) ;;
  *) echo "ORLEANSCONFIG_API_URL must be on 127.0.0.1; got $api" >&2; exit 1 ;;
esac
auth="Authorization: Bearer $key"

if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it from Debian's packages"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi
fi

if ! curl -fsS "$api/health/ready" >/dev/null; then
  echo "The api at $api is not ready; start it with ./run.sh start" >&2
  exit 1
fi

env_name="ofrep-$(date +%s)"
base="$api/v1/namespaces/bench/environments/$env_name"
echo "Seeding namespace bench, environment $env_name with 20 flags and one configuration key"
curl -fsS -H "$auth" -X PUT "$api/v1/namespaces/bench" >/dev/null
curl -fsS -H "$auth" -X PUT "$base" >/dev/null
curl -fsS -H "$auth" -X PUT -d '{"value": {"host": "db", "port": 5432}}' "$base/configs/Single:Key" >/dev/null
put_flag() {
  curl -fsS -H "$auth" -H "Content-Type: application/json" -X PUT --data-binary "$2" "$base/flags/$1" >/dev/null
}
for flag in $(jq -r 'keys[]' "$here/flags.json"); do
  put_flag "$flag" "$(jq -c --arg k "$flag" '.[$k]' "$here/flags.json")"
done
for i in $(seq 1 15); do
  put_flag "extra-$i" "$(jq -nc --arg i "$i" '{state: "ENABLED", variants: {a: ("A" + $i), b: ("B" + $i)},
    defaultVariant: "a"}')"
done

# A service token selects the environment, as a deployed service's would.
token_request=$(jq -nc --arg env "$env_name" \
  '{name: ($env + "-reader"), kind: "serviceToken", namespace: "bench", environment: $env}')
token=$(curl -fsS -H "$auth" -X POST -d "$token_request" "$api/v1/keys" | jq -r .key)
ofrep="$api/ofrep/v1/evaluate/flags"
context='{"context": {"targetingKey": "user-4711", "email": "ann@example.com", "plan": "pro",
  "appVersion": "2.11.3"}}'

run_case() {
  local name=$1 url=$2 credential=$3
  echo "Running $name for $duration: $url" >&2
  wrk -t "$threads" -c "$connections" -d "$duration" --latency -H "Authorization: Bearer $credential" \
    -s "${SCRIPT:-$REPORT_LUA}" "$url" | grep '^RESULT' | sed "s/^RESULT/$name/"
}

# The first evaluation compiles the environment's flags; later ones find them compiled.
etag=$(curl -fsS -D - -o /dev/null -H "Authorization: Bearer $token" -X POST -d "$context" "$ofrep" \
  | awk -F': ' 'tolower($1) == "etag" { sub("\r", "", $2); print $2 }')
[[ -n $etag ]] || { echo "The bulk evaluation returned no ETag" >&2; exit 1; }
export OFREP_BODY=$context
wrk -t 1 -c 8 -d 3s -H "Authorization: Bearer $token" -s "$here/ofrep.lua" "$ofrep/static-flag" >/dev/null
wrk -t 1 -c 8 -d 3s -H "$auth" "$base/configs/Single:Key" >/dev/null

results=$(
  run_case auth-only "$api/v1/me" "$key"
  run_case single-get "$base/configs/Single:Key" "$key"
  SCRIPT="$here/ofrep.lua" run_case ofrep-static "$ofrep/static-flag" "$token"
  SCRIPT="$here/ofrep.lua" run_case ofrep-rule "$ofrep/rule-flag" "$token"
  SCRIPT="$here/ofrep.lua" run_case ofrep-split "$ofrep/split-flag" "$token"
  SCRIPT="$here/ofrep.lua" run_case ofrep-bulk-20 "$ofrep" "$token"
  OFREP_IF_NONE_MATCH=$etag SCRIPT="$here/ofrep.lua" run_case ofrep-bulk-304 "$ofrep" "$token"
)

echo
echo "| Case | Requests/s | p50 ms | p99 ms | Ratio to single-key GET | Failed | Socket errors |"
echo "|---|---|---|---|---|---|---|"
baseline_rps=$(awk '/^single-get/ { sub("rps=", "", $2); print $2 }' <<<"$results")
awk -v baseline="$baseline_rps" '{
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  printf "| %s | %s | %s | %s | %.0f %% | %s | %s |\n", $1, v["rps"], v["p50"], v["p99"],
    100 * v["rps"] / baseline, v["non2xx"], v["errors"]
}' <<<"$results"
