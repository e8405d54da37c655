#!/usr/bin/env bash
# Measures the api over HTTP with wrk on 127.0.0.1: a single-key GET, a whole-environment GET of
# 1,000 keys and a PUT, each against a bare Kestrel endpoint (the ceiling) in the same run. Two
# more cases split the cost: /health/live (the api's pipeline without a grain call) and /v1/me
# (authentication alone, one grain call).
# The api must be running, started with its per-caller rate limit off so that the limit is not
# what is measured:  OrleansConfig__RateLimit__PermitsPerSecond=0 ./run.sh start
# Prints a Markdown table for docs/benchmarks.md.
#
# Options (environment): ORLEANSCONFIG_API_URL (default http://127.0.0.1:5080),
# ORLEANSCONFIG_ADMIN_KEY (default: the key ./run.sh keeps in .run/admin-key),
# BENCH_DURATION (default 15s per case), BENCH_CONNECTIONS (default 64), BENCH_THREADS (default 2),
# BENCH_CEILING_PORT (default 5099).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
api=${ORLEANSCONFIG_API_URL:-http://127.0.0.1:5080}
duration=${BENCH_DURATION:-15s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
ceiling_port=${BENCH_CEILING_PORT:-5099}
export REPORT_LUA="$here/report.lua"
repo=$(cd "$here/../.." && pwd)
key=${ORLEANSCONFIG_ADMIN_KEY:-$(cat "$repo/.run/admin-key" 2>/dev/null || true)}
if [[ -z $key ]]; then
  echo "No admin key: set ORLEANSCONFIG_ADMIN_KEY or start the api with ./run.sh start" >&2
  exit 1
fi
auth="Authorization: Bearer $key"

if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it from Debian's packages"
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi
fi

if ! curl -fsS "$api/health/ready" >/dev/null; then
  echo "The api at $api is not ready; start it with ./run.sh start" >&2
  exit 1
fi

echo "Building and starting the ceiling endpoint on 127.0.0.1:$ceiling_port"
dotnet build "$here/Ceiling/Ceiling.csproj" -c Release -o "$here/Ceiling/bin/out" -v quiet -nologo >/dev/null
dotnet "$here/Ceiling/bin/out/Ceiling.dll" --urls "http://127.0.0.1:$ceiling_port" >/dev/null 2>&1 &
ceiling_pid=$!
trap 'kill "$ceiling_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$ceiling_port/ping" >/dev/null 2>&1 && break
  sleep 0.2
done

env_name="bench-$(date +%s)"
base="$api/v1/namespaces/bench/environments/$env_name"
echo "Seeding namespace bench, environment $env_name with 1,000 keys"
curl -fsS -H "$auth" -X PUT "$api/v1/namespaces/bench" >/dev/null
curl -fsS -H "$auth" -X PUT "$base" >/dev/null
seed=$(mktemp)
{
  printf '{'
  for i in $(seq 1 1000); do
    printf '%s"Service%02d:Setting%04d": "value-%d"' "$([[ $i -gt 1 ]] && echo ,)" $((i % 20)) "$i" "$i"
  done
  printf '}'
} >"$seed"
curl -fsS -H "$auth" -X POST --data-binary @"$seed" "$base/import?format=json" >/dev/null
rm -f "$seed"
curl -fsS -H "$auth" -X PUT -d '{"value": {"host": "db", "port": 5432}}' "$base/configs/Single:Key" >/dev/null

run_case() {
  local name=$1 url=$2 script=${3:-$REPORT_LUA}
  echo "Running $name for $duration: $url" >&2
  wrk -t "$threads" -c "$connections" -d "$duration" --latency -H "$auth" -s "$script" "$url" \
    | grep '^RESULT' | sed "s/^RESULT/$name/"
}

# Warm up the JIT and the grains before measuring.
wrk -t 1 -c 8 -d 3s -H "$auth" "$base/configs/Single:Key" >/dev/null
wrk -t 1 -c 8 -d 3s -H "$auth" "$base/configs" >/dev/null

results=$(
  run_case ceiling "http://127.0.0.1:$ceiling_port/ping"
  run_case health-live "$api/health/live"
  run_case auth-only "$api/v1/me"
  run_case single-get "$base/configs/Single:Key"
  run_case snapshot-1000 "$base/configs"
  run_case put "$base/configs/" "$here/put.lua"
)

echo
echo "| Case | Requests/s | p50 ms | p99 ms | Ratio to ceiling | Non-2xx | Socket errors |"
echo "|---|---|---|---|---|---|---|"
ceiling_rps=$(awk '/^ceiling/ { sub("rps=", "", $2); print $2 }' <<<"$results")
awk -v ceiling="$ceiling_rps" '{
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  printf "| %s | %s | %s | %s | %.0f %% | %s | %s |\n", $1, v["rps"], v["p50"], v["p99"], 100 * v["rps"] / ceiling, v["non2xx"], v["errors"]
}' <<<"$results"
