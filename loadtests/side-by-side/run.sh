#!/usr/bin/env bash
# Side by side on one machine, in one run, with one load tool (wrk) and the same settings for every
# case: a bare ASP.NET Core endpoint (the ceiling), the platform's single-key config read and OFREP
# bulk evaluation, and unleash-server 8.2.0's /api/frontend. Both flag servers hold the same number
# of flags (a third static, a third targeting on a country attribute, a third a 50/50 split on the
# user) and get a random user per request. Prints each figure, the ratios to the ceiling and the
# ratio of OFREP bulk to unleash, as a Markdown table for docs/benchmarks.md.
#
# The platform must be running with its rate limit off (loadtests/run.sh and
#   OrleansConfig__RateLimit__PermitsPerSecond=0 ./run.sh start do that). unleash-server is installed
# from npm into .run/side-by-side/unleash and gets its own database in the platform's PostgreSQL,
# with its SDK and token rate limits raised. Everything listens on 127.0.0.1 and stops at the end.
# When the platform does not serve OFREP yet, that row reads "not available on this target" and
# its ratios are left out.
#
# Environment: ORLEANSCONFIG_API_URL (http://127.0.0.1:5080), ORLEANSCONFIG_ADMIN_KEY (default
# .run/admin-key), ORLEANSCONFIG_POSTGRES, BENCH_FLAGS (500), BENCH_DURATION (15s per case),
# BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_CEILING_PORT (5099), BENCH_UNLEASH_PORT (4242).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../scripts/lib.sh
source "$here/../../scripts/lib.sh"

api=${ORLEANSCONFIG_API_URL:-http://127.0.0.1:5080}
api=${api%/}
flags=${BENCH_FLAGS:-500}
duration=${BENCH_DURATION:-15s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
ceiling_port=${BENCH_CEILING_PORT:-5099}
unleash_port=${BENCH_UNLEASH_PORT:-4242}
unleash_dir="$RUN_DIR/side-by-side/unleash"
unleash_url="http://127.0.0.1:$unleash_port"
ceiling_dir="$here/../http-baseline/Ceiling"
export REPORT_LUA="$here/../http-baseline/report.lua"
key=${ORLEANSCONFIG_ADMIN_KEY:-$(cat "$RUN_DIR/admin-key" 2>/dev/null || true)}
[[ -n $key ]] || die "no admin key: set ORLEANSCONFIG_ADMIN_KEY or start the api with ./run.sh start"
auth="Authorization: Bearer $key"
ns=bench
env_name=side-by-side
base="$api/v1/namespaces/$ns/environments/$env_name"
# The tokens unleash creates at start: the admin one seeds, the frontend one is measured.
export UNLEASH_ADMIN_TOKEN="*:*.sidebyside$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
export UNLEASH_FRONTEND_TOKEN="*:development.sidebyside$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"

started_pids=()
token_id=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [[ -n $token_id ]]; then
    curl -s -o /dev/null -H "$auth" -X DELETE "$api/v1/keys/$token_id" || true
  fi
}
trap cleanup EXIT

curl -fsS --max-time 5 "$api/health/ready" >/dev/null || die "the api at $api is not ready; start it first"
if ! command -v wrk >/dev/null; then
  log_info "installing wrk from Debian's packages"
  install_packages wrk
fi
command -v node >/dev/null || die "node is missing; unleash-server needs Node.js (22 or newer by its package)"

log_info "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), node $(node --version)," \
  "load average $(cut -d ' ' -f 1-3 /proc/loadavg)"

# --- the ceiling -----------------------------------------------------------------------------
log_info "building and starting the ceiling endpoint on 127.0.0.1:$ceiling_port"
dotnet build "$ceiling_dir/Ceiling.csproj" -c Release -o "$ceiling_dir/bin/out" -v quiet -nologo >/dev/null
dotnet "$ceiling_dir/bin/out/Ceiling.dll" --urls "http://127.0.0.1:$ceiling_port" >/dev/null 2>&1 &
started_pids+=("$!")

# --- unleash-server ------------------------------------------------------------------------------
mkdir -p "$unleash_dir"
cp "$here/unleash/package.json" "$here/unleash/start.cjs" "$unleash_dir/"
if [[ ! -d $unleash_dir/node_modules/unleash-server ]]; then
  log_info "installing unleash-server 8.2.0 from npm into ${unleash_dir#"$REPO_ROOT"/} (about a minute)"
  (cd "$unleash_dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
fi
parse_postgres_connection_string "${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}"
ensure_postgres_database unleash_side_by_side recreate
export UNLEASH_DB_HOST=$PG_HOST UNLEASH_DB_PORT=$PG_PORT UNLEASH_DB_USER=$PG_USER UNLEASH_DB_PASSWORD=$PG_PASSWORD
export UNLEASH_DB_NAME=unleash_side_by_side UNLEASH_PORT=$unleash_port SEND_TELEMETRY=false
log_info "starting unleash-server on $unleash_url (log: ${unleash_dir#"$REPO_ROOT"/}/unleash.log)"
(cd "$unleash_dir" && exec node start.cjs) >"$unleash_dir/unleash.log" 2>&1 &
started_pids+=("$!")
for _ in $(seq 1 120); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$unleash_url/health" || true) == 200 ]] && break
  sleep 1
done
[[ $(curl -s -o /dev/null -w '%{http_code}' "$unleash_url/health" || true) == 200 ]] ||
  die "unleash-server did not become healthy; see $unleash_dir/unleash.log"

# --- the same flags on both ----------------------------------------------------------------------
platform_flag() {
  case $(($1 % 3)) in
    0) printf '{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"on"}' ;;
    1) printf '{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off",'
       printf '"targeting":{"if":[{"in":[{"var":"country"},["de","fr","nl"]]},"on","off"]}}' ;;
    *) printf '{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off",'
       printf '"targeting":{"fractional":[["on",50],["off",50]]}}' ;;
  esac
}

unleash_strategy() {
  case $(($1 % 3)) in
    0) printf '{"name":"default"}' ;;
    1) printf '{"name":"default","constraints":[{"contextName":"country","operator":"IN",'
       printf '"values":["de","fr","nl"]}]}' ;;
    *) printf '{"name":"flexibleRollout","parameters":{"rollout":"50","stickiness":"userId","groupId":"%s"}}' "$2" ;;
  esac
}

seed_one() {
  local i=$1 name
  name=$(printf 'flag-%04d' "$i")
  if [[ $ofrep == true ]]; then
    curl -fsS -o /dev/null -H "$auth" -H 'Content-Type: application/json' -X PUT \
      --data "$(platform_flag "$i")" "$base/flags/$name"
  fi
  curl -fsS -o /dev/null -H "Authorization: $UNLEASH_ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"type\":\"release\"}" "$unleash_url/api/admin/projects/default/features"
  curl -fsS -o /dev/null -H "Authorization: $UNLEASH_ADMIN_TOKEN" -H 'Content-Type: application/json' \
    -d "$(unleash_strategy "$i" "$name")" \
    "$unleash_url/api/admin/projects/default/features/$name/environments/development/strategies"
  curl -fsS -o /dev/null -H "Authorization: $UNLEASH_ADMIN_TOKEN" -X POST \
    "$unleash_url/api/admin/projects/default/features/$name/environments/development/on"
}

log_info "creating $ns/$env_name with one configuration key"
curl -fsS -o /dev/null -H "$auth" -X PUT "$api/v1/namespaces/$ns"
curl -fsS -o /dev/null -H "$auth" -X PUT "$base"
curl -fsS -o /dev/null -H "$auth" -X PUT -d '{"value": {"host": "db", "port": 5432}}' "$base/configs/Single:Key"
ofrep=true
if [[ $(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$base/flags") != 200 ]]; then
  ofrep=false
  log_warn "the platform does not serve flags: the OFREP row reports not available on this target"
fi
log_info "seeding $flags flags into both servers"
for ((i = 0; i < flags; i++)); do
  seed_one "$i"
done
token_body=$(curl -fsS -H "$auth" -X POST \
  -d "{\"name\":\"side-by-side\",\"kind\":\"serviceToken\",\"namespace\":\"$ns\",\"environment\":\"$env_name\"}" \
  "$api/v1/keys")
token_id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$token_body")
token=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' <<<"$token_body")
sleep 3 # unleash's frontend cache refreshes every second

# --- measure -------------------------------------------------------------------------------------
run_case() {
  local name=$1 url=$2 header=$3 script=${4:-$REPORT_LUA}
  log_info "running $name for $duration: $url" >&2
  wrk -t "$threads" -c 8 -d 3s -H "$header" -s "$script" "$url" >/dev/null
  wrk -t "$threads" -c "$connections" -d "$duration" --latency -H "$header" -s "$script" "$url" \
    | grep '^RESULT' | sed "s/^RESULT/$name/"
}

results=$(
  run_case ceiling "http://127.0.0.1:$ceiling_port/ping" "Accept: application/json"
  run_case config-read "$base/configs/Single:Key" "Authorization: Bearer $token"
  if [[ $ofrep == true ]]; then
    run_case ofrep-bulk "$api/ofrep/v1/evaluate/flags" "Authorization: Bearer $token" "$here/ofrep-bulk.lua"
  fi
  run_case unleash-frontend "$unleash_url/api/frontend" "Authorization: $UNLEASH_FRONTEND_TOKEN" \
    "$here/unleash-frontend.lua"
)

echo
echo "| Case | Requests/s | p50 ms | p99 ms | Ratio to ceiling | Non-2xx | Socket errors |"
echo "|---|---|---|---|---|---|---|"
awk -v ofrep="$ofrep" '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] = kv[2] } names[++n] = $1 }
  END {
    ceiling = v["ceiling", "rps"]
    for (i = 1; i <= n; i++) {
      c = names[i]
      printf "| %s | %s | %s | %s | %.0f %% | %s | %s |\n", c, v[c, "rps"], v[c, "p50"], v[c, "p99"],
        100 * v[c, "rps"] / ceiling, v[c, "non2xx"], v[c, "errors"]
    }
    if (ofrep != "true") {
      print "| ofrep-bulk | not available on this target | | | | | |"
    } else {
      printf "\nOFREP bulk / unleash /api/frontend: %.2f × the requests per second, p99 %.2f ×\n",
        v["ofrep-bulk", "rps"] / v["unleash-frontend", "rps"], v["ofrep-bulk", "p99"] / v["unleash-frontend", "p99"]
    }
  }' <<<"$results"
