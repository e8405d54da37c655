#!/usr/bin/env bash
# Measures the time from the start of a configuration write (PUT) to the arrival of its change
# event at subscribers, over Server-Sent Events and over the Orleans client, on 127.0.0.1.
#
# Without --api it builds in Release and starts PostgreSQL and Redis unless they already reply at
# ORLEANSCONFIG_POSTGRES and ORLEANSCONFIG_REDIS (with scripts/lib.sh, as run.sh does). It then
# recreates the database BENCH_DATABASE, starts one silo and the api on their own ports and
# cluster id, runs the measurement and stops what it started. With --api URL it measures that running api: set
# ORLEANSCONFIG_ADMIN_KEY, and for the co-hosted cases ORLEANSCONFIG_REDIS and
# ORLEANSCONFIG_CLUSTER_ID of its cluster.
#
# Usage: loadtests/change-latency/run.sh [--api URL] [--no-build] [measurement options]
# Measurement options (--rate, --duration, --subscribers, ...) go to the console app; see
# `dotnet loadtests/change-latency/bin/Release/net10.0/ChangeLatency.dll --help` after a build.
#
# Environment: BENCH_DATABASE (default orleansconfig_latency), BENCH_API_PORT (33080),
# BENCH_SILO_PORT (33111), BENCH_GATEWAY_PORT (33300), and ORLEANSCONFIG_POSTGRES and
# ORLEANSCONFIG_REDIS as in docs/operations.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../../scripts/lib.sh
source "$here/../../scripts/lib.sh"

BENCH_PROJECT="$here/ChangeLatency.csproj"
BENCH_DLL="$here/bin/Release/net10.0/ChangeLatency.dll"
SILO_PROJECT="$REPO_ROOT/silo/OrleansConfig.Silo/OrleansConfig.Silo.csproj"
SILO_DLL="$REPO_ROOT/silo/OrleansConfig.Silo/bin/Release/net10.0/OrleansConfig.Silo.dll"
API_PROJECT="$REPO_ROOT/api/OrleansConfig.Api/OrleansConfig.Api.csproj"
API_DLL="$REPO_ROOT/api/OrleansConfig.Api/bin/Release/net10.0/OrleansConfig.Api.dll"
LOG_DIR="$RUN_DIR/change-latency"

api_url=""
build=true
bench_args=()
while (($# > 0)); do
    case $1 in
        --api)
            (($# >= 2)) || die "--api needs a URL"
            api_url=$2
            shift 2
            ;;
        --no-build)
            build=false
            shift
            ;;
        *)
            bench_args+=("$1")
            shift
            ;;
    esac
done

STARTED_PIDS=()

# Stops the api, then the silo, then the services this script started.
cleanup() {
    local index pid marker
    for ((index = ${#STARTED_PIDS[@]} - 1; index >= 0; index--)); do
        read -r pid marker <<<"${STARTED_PIDS[index]}"
        log_info "stopping $marker (pid $pid)"
        stop_process "$pid" "$marker" "$marker"
    done
    stop_started_services
}
trap cleanup EXIT

print_machine() {
    log_info "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)," \
        "$(free -g | awk '/^Mem:/ { print $2 }') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
    log_info "dotnet $(dotnet --version), $(postgres --version 2>/dev/null || echo 'postgres: not on PATH')," \
        "$(redis-server --version | cut -d ' ' -f 1-3)"
    log_info "load average: $(cut -d ' ' -f 1-3 /proc/loadavg)"
}

# Starts a dll in its own session, from its folder, with its output in LOG_DIR/NAME.log.
start_dll() {
    local name=$1 dll=$2
    shift 2
    (cd "$(dirname "$dll")" && exec setsid dotnet "$(basename "$dll")" "$@") </dev/null \
        >"$LOG_DIR/$name.log" 2>&1 &
    STARTED_PIDS+=("$! $(basename "$dll")")
    log_info "started $name (pid $!, log: $LOG_DIR/$name.log)"
}

wait_until_ready() {
    local url=$1 waited=0
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url/health/ready" || true) == 200 ]]; do
        if ((waited >= 120)); then
            tail -n 30 "$LOG_DIR/silo.log" "$LOG_DIR/api.log" >&2 || true
            die "$url/health/ready did not return 200 within 120 s; the logs' last lines are above"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log_info "the api is ready after $waited s"
}

start_cluster() {
    local database=${BENCH_DATABASE:-orleansconfig_latency}
    local api_port=${BENCH_API_PORT:-33080} silo_port=${BENCH_SILO_PORT:-33111}
    local gateway_port=${BENCH_GATEWAY_PORT:-33300}

    ensure_postgres_running
    ensure_postgres_database "$database" recreate
    ensure_redis_running
    for port in "$api_port" "$silo_port" "$gateway_port"; do
        ! tcp_port_is_open 127.0.0.1 "$port" || die "port $port is in use on 127.0.0.1; choose another" \
            "with BENCH_API_PORT, BENCH_SILO_PORT or BENCH_GATEWAY_PORT"
    done

    ORLEANSCONFIG_POSTGRES=$(replace_connection_string_database "${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}" \
        "$database")
    ORLEANSCONFIG_REDIS=${ORLEANSCONFIG_REDIS:-$DEFAULT_REDIS}
    # A cluster id of its own, so that the silo joins no other cluster on the same Redis.
    ORLEANSCONFIG_CLUSTER_ID="change-latency-$$"
    # The database is new, so the api creates this key as its first admin key.
    ORLEANSCONFIG_ADMIN_KEY=$(printf 'oc_%s_%s' \
        "$(LC_ALL=C tr -dc 'a-z2-7' </dev/urandom | head -c 16 || true)" \
        "$(LC_ALL=C tr -dc 'a-z2-7' </dev/urandom | head -c 52 || true)")
    export ORLEANSCONFIG_POSTGRES ORLEANSCONFIG_REDIS ORLEANSCONFIG_CLUSTER_ID ORLEANSCONFIG_ADMIN_KEY

    mkdir -p "$LOG_DIR"
    ORLEANSCONFIG_SILO_PORT=$silo_port ORLEANSCONFIG_GATEWAY_PORT=$gateway_port start_dll silo "$SILO_DLL"
    start_dll api "$API_DLL" --urls "http://127.0.0.1:$api_port"
    api_url="http://127.0.0.1:$api_port"
    wait_until_ready "$api_url"
}

require_dotnet
print_machine
if [[ $build == true ]]; then
    log_info "building in Release"
    if [[ -z $api_url ]]; then
        dotnet build "$SILO_PROJECT" -c Release --nologo -v quiet
        dotnet build "$API_PROJECT" -c Release --nologo -v quiet
    fi
    dotnet build "$BENCH_PROJECT" -c Release --nologo -v quiet
fi

if [[ -z $api_url ]]; then
    start_cluster
else
    [[ -n ${ORLEANSCONFIG_ADMIN_KEY:-} ]] || die "--api needs ORLEANSCONFIG_ADMIN_KEY, an admin key of that api"
fi

log_info "measuring $api_url"
status=0
dotnet "$BENCH_DLL" --api "$api_url" "${bench_args[@]}" || status=$?
log_info "load average: $(cut -d ' ' -f 1-3 /proc/loadavg)"
exit "$status"
