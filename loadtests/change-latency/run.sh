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
# shellcheck disable=SC2317 # called by the EXIT trap
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

# Waits until the api's GET /health/ready returns 200, for at most 120 s. Returns 1 at once when
# the api process (pid $2) exits.
wait_until_ready() {
    local url=$1 pid=$2 waited=0
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$url/health/ready" || true) == 200 ]]; do
        if ! process_is_running "$pid"; then
            return 1
        fi
        if ((waited >= 120)); then
            tail -n 30 "$LOG_DIR/silo.log" "$LOG_DIR/api.log" >&2 || true
            die "$url/health/ready did not return 200 within 120 s; the logs' last lines are above"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log_info "the api is ready after $waited s"
}

# Prints the first port from $1 on that no TCP socket of this machine uses as its local port.
# Linux gives ports from 32768 up to outgoing connections too, and a closed one keeps its port
# in TIME-WAIT for a minute, so a port that nothing listens on may still fail to bind.
first_unused_port() {
    local port
    for ((port = $1; port < $1 + 100; port++)); do
        if [[ -z $(ss -Htan "sport = :$port") ]]; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    die "no unused port from $1 to $(($1 + 99)); choose others with BENCH_API_PORT, BENCH_SILO_PORT" \
        "or BENCH_GATEWAY_PORT"
}

# Starts the silo on the first unused ports from $1 (silo) and $2 (gateway) and waits until its
# gateway accepts connections. When the silo exits first, as when an outgoing connection took a
# port between the check and the bind, it starts again on the next ports, at most 5 times.
start_silo() {
    local silo_port=$1 gateway_port=$2 attempt waited pid
    for ((attempt = 0; attempt < 5; attempt++)); do
        silo_port=$(first_unused_port "$silo_port")
        gateway_port=$(first_unused_port "$gateway_port")
        ORLEANSCONFIG_SILO_PORT=$silo_port ORLEANSCONFIG_GATEWAY_PORT=$gateway_port start_dll silo "$SILO_DLL"
        read -r pid _ <<<"${STARTED_PIDS[-1]}"
        for ((waited = 0; waited < 600; waited++)); do
            if tcp_port_is_open 127.0.0.1 "$gateway_port"; then
                log_info "the silo listens on 127.0.0.1:$silo_port, gateway 127.0.0.1:$gateway_port"
                return 0
            fi
            process_is_running "$pid" || break
            sleep 0.1
        done
        unset 'STARTED_PIDS[-1]'
        stop_process "$pid" OrleansConfig.Silo.dll silo
        log_warn "the silo did not open gateway port $gateway_port (log: $LOG_DIR/silo.log); trying the next ports"
        silo_port=$((silo_port + 1))
        gateway_port=$((gateway_port + 1))
    done
    die "the silo did not start in 5 attempts; see $LOG_DIR/silo.log"
}

# Starts the api on the first unused port from $1, sets api_url and waits until it is ready. When
# the api exits before, it starts again on the next port, at most 5 times.
start_api() {
    local port=$1 attempt pid
    for ((attempt = 0; attempt < 5; attempt++)); do
        port=$(first_unused_port "$port")
        api_url="http://127.0.0.1:$port"
        start_dll api "$API_DLL" --urls "$api_url"
        read -r pid _ <<<"${STARTED_PIDS[-1]}"
        if wait_until_ready "$api_url" "$pid"; then
            return 0
        fi
        unset 'STARTED_PIDS[-1]'
        log_warn "the api exited before it was ready (log: $LOG_DIR/api.log); trying the next port"
        port=$((port + 1))
    done
    die "the api did not start in 5 attempts; see $LOG_DIR/api.log"
}

start_cluster() {
    local database=${BENCH_DATABASE:-orleansconfig_latency}
    local api_port=${BENCH_API_PORT:-33080} silo_port=${BENCH_SILO_PORT:-33111}
    local gateway_port=${BENCH_GATEWAY_PORT:-33300}

    ensure_postgres_running
    ensure_postgres_database "$database" recreate
    ensure_redis_running
    ORLEANSCONFIG_POSTGRES=$(replace_connection_string_database "${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}" \
        "$database")
    ORLEANSCONFIG_REDIS=${ORLEANSCONFIG_REDIS:-$DEFAULT_REDIS}
    # A cluster id of its own, so that the silo joins no other cluster on the same Redis.
    ORLEANSCONFIG_CLUSTER_ID="change-latency-$$"
    # The database is new, so the api creates this key as its first admin key.
    ORLEANSCONFIG_ADMIN_KEY=$(printf 'oc_%s_%s' \
        "$(LC_ALL=C tr -dc 'a-z2-7' </dev/urandom | head -c 16 || true)" \
        "$(LC_ALL=C tr -dc 'a-z2-7' </dev/urandom | head -c 52 || true)")
    # The key that links and signs the audit log, which every write waits for.
    ORLEANSCONFIG_AUDIT_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
    export ORLEANSCONFIG_POSTGRES ORLEANSCONFIG_REDIS ORLEANSCONFIG_CLUSTER_ID ORLEANSCONFIG_ADMIN_KEY
    export ORLEANSCONFIG_AUDIT_KEY

    mkdir -p "$LOG_DIR"
    start_silo "$silo_port" "$gateway_port"
    start_api "$api_port"
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
# Prints the pid of the process listening on 127.0.0.1:$1, or nothing.
listener_pid() {
    ss -Hltnp "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}

watch=()
if [[ -n ${PG_PORT:-} && -n $(listener_pid "$PG_PORT") ]]; then
    watch+=("postgres=$(listener_pid "$PG_PORT")")
fi
if [[ -n ${REDIS_PORT:-} && -n $(listener_pid "$REDIS_PORT") ]]; then
    watch+=("redis=$(listener_pid "$REDIS_PORT")")
fi
for entry in "${STARTED_PIDS[@]}"; do
    read -r pid dll <<<"$entry"
    name=${dll%.dll}
    watch+=("${name##*.}=$pid")
done
if ((${#watch[@]} > 0)); then
    bench_args+=(--watch "$(IFS=,; echo "${watch[*]}" | tr '[:upper:]' '[:lower:]')")
fi
dotnet "$BENCH_DLL" --api "$api_url" "${bench_args[@]}" || status=$?
log_info "load average: $(cut -d ' ' -f 1-3 /proc/loadavg)"
exit "$status"
