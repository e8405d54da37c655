#!/usr/bin/env bash
# Runs OrleansConfig on this machine: PostgreSQL and Redis on 127.0.0.1, one or more silos
# and the api. `./run.sh help` lists the commands; docs/operations.md describes them.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

SILO_PROJECT="$REPO_ROOT/silo/OrleansConfig.Silo/OrleansConfig.Silo.csproj"
SILO_DLL="$REPO_ROOT/silo/OrleansConfig.Silo/bin/Release/net10.0/OrleansConfig.Silo.dll"
API_PROJECT="$REPO_ROOT/api/OrleansConfig.Api/OrleansConfig.Api.csproj"
API_DLL="$REPO_ROOT/api/OrleansConfig.Api/bin/Release/net10.0/OrleansConfig.Api.dll"

PID_DIR="$RUN_DIR/pids"
LOG_DIR="$RUN_DIR/logs"
SERVICES_FILE="$RUN_DIR/services-started"

COMMAND=run
SILO_COUNT=1
DEV_MODE=false
SERVICES_ONLY=false
BUILD=true

# Set once `start` has finished, so that its exit trap leaves everything running.
START_COMPLETED=false
CLEANUP_DONE=false
LOG_TAIL_PID=""
STARTED_PROCESSES=()

usage() {
    cat <<'EOF'
Usage: ./run.sh [COMMAND] [OPTIONS]

Commands:
  run       (default) start everything in the foreground; Ctrl-C stops what it started
  start     start everything in the background and return once GET /health/ready returns 200
  stop      stop what `start` (or a foreground run) started, by pid
  status    show the services, the processes and the api's readiness
  help      show this text

Options (run and start):
  --silos N          number of silos (default 1); silo i uses ports 11111+i and 30000+i
  --dev              only the api, with an in-process silo and in-memory storage:
                     needs neither PostgreSQL nor Redis, and keeps nothing
  --services-only    start PostgreSQL and Redis and create the database, nothing else
  --no-build         use the existing Release build instead of running dotnet build

State (pid files, logs, the private PostgreSQL cluster) is kept in .run/.
Environment variables are listed in docs/operations.md.
EOF
}

parse_arguments() {
    if (($# > 0)) && [[ $1 != -* ]]; then
        COMMAND=$1
        shift
    fi
    while (($# > 0)); do
        case $1 in
            --silos)
                (($# >= 2)) || die "--silos needs a number, e.g. --silos 3"
                SILO_COUNT=$2
                shift 2
                ;;
            --silos=*)
                SILO_COUNT=${1#--silos=}
                shift
                ;;
            --dev)
                DEV_MODE=true
                shift
                ;;
            --services-only)
                SERVICES_ONLY=true
                shift
                ;;
            --no-build)
                BUILD=false
                shift
                ;;
            -h | --help)
                COMMAND=help
                shift
                ;;
            *) die "unknown option '$1'; see ./run.sh help" ;;
        esac
    done

    [[ $SILO_COUNT =~ ^[1-9][0-9]*$ ]] || die "--silos must be a positive whole number, not '$SILO_COUNT'"
    if [[ $DEV_MODE == true && $SERVICES_ONLY == true ]]; then
        die "--dev and --services-only exclude each other: dev mode needs no services"
    fi
    if [[ $DEV_MODE == true && $SILO_COUNT != 1 ]]; then
        die "--silos does not apply to --dev, which runs one process with an in-process silo"
    fi
}

# ---------------------------------------------------------------------------------------
# Settings

# Exports the processes' settings with the defaults that the silo and the api use, so that
# the scripts and the processes agree on them.
export_process_settings() {
    export ORLEANSCONFIG_POSTGRES="${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}"
    export ORLEANSCONFIG_REDIS="${ORLEANSCONFIG_REDIS:-$DEFAULT_REDIS}"
    export ORLEANSCONFIG_CLUSTER_ID="${ORLEANSCONFIG_CLUSTER_ID:-orleansconfig}"
    export ORLEANSCONFIG_ADVERTISED_IP="${ORLEANSCONFIG_ADVERTISED_IP:-127.0.0.1}"
    export ORLEANSCONFIG_LOG_FORMAT="${ORLEANSCONFIG_LOG_FORMAT:-text}"
    export ORLEANSCONFIG_API_URL="${ORLEANSCONFIG_API_URL:-http://127.0.0.1:5080}"

    SILO_PORT_BASE="${ORLEANSCONFIG_SILO_PORT:-11111}"
    GATEWAY_PORT_BASE="${ORLEANSCONFIG_GATEWAY_PORT:-30000}"
    [[ $SILO_PORT_BASE =~ ^[0-9]+$ ]] || die "ORLEANSCONFIG_SILO_PORT must be a port number, not '$SILO_PORT_BASE'"
    [[ $GATEWAY_PORT_BASE =~ ^[0-9]+$ ]] ||
        die "ORLEANSCONFIG_GATEWAY_PORT must be a port number, not '$GATEWAY_PORT_BASE'"
}

# Prints the base URL for requests to the api: the first of ORLEANSCONFIG_API_URL's
# semicolon-separated URLs, with a wildcard host replaced by 127.0.0.1.
api_base_url() {
    local url=${ORLEANSCONFIG_API_URL%%;*}
    url=${url%/}
    url=${url/:\/\/0.0.0.0:/://127.0.0.1:}
    url=${url/:\/\/+:/://127.0.0.1:}
    url=${url/:\/\/\*:/://127.0.0.1:}
    url=${url/:\/\/\[::\]:/://127.0.0.1:}
    printf '%s\n' "$url"
}

# Prints the port of a URL such as http://127.0.0.1:5080 (80 or 443 when it has none).
url_port() {
    local authority=${1#*://}
    authority=${authority%%/*}
    if [[ $authority =~ :([0-9]+)$ ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    elif [[ $1 == https://* ]]; then
        printf '443\n'
    else
        printf '80\n'
    fi
}

# ---------------------------------------------------------------------------------------
# Processes

# Prints the value in single quotes for a shell command line.
shell_single_quote() {
    local escaped=${1//\'/\'\\\'\'}
    printf "'%s'" "$escaped"
}

# Prints a pid file's pid, marker (the dll that the command line contains) or description.
pid_file_field() {
    sed -n "${2}p" "$1"
}

recorded_process_names() {
    local pid_file
    [[ -d $PID_DIR ]] || return 0
    for pid_file in "$PID_DIR"/*.pid; do
        [[ -e $pid_file ]] || continue
        basename "$pid_file" .pid
    done | sort -t - -k 2 -n
}

recorded_process_is_running() {
    local pid_file="$PID_DIR/$1.pid"
    [[ -f $pid_file ]] && process_matches "$(pid_file_field "$pid_file" 1)" "$(pid_file_field "$pid_file" 2)"
}

any_recorded_process_is_running() {
    local name
    for name in $(recorded_process_names); do
        if recorded_process_is_running "$name"; then
            return 0
        fi
    done
    return 1
}

# Starts a command in its own session (so that the terminal's Ctrl-C reaches only this
# script), in the folder of its dll, with its output in .run/logs/NAME.log.
start_process() {
    local name=$1 dll=$2 description=$3
    shift 3
    local log_file="$LOG_DIR/$name.log" pid

    if [[ -f $log_file ]]; then
        mv -f "$log_file" "$log_file.previous"
    fi
    (cd "$(dirname "$dll")" && exec setsid "$@") </dev/null >"$log_file" 2>&1 &
    pid=$!
    printf '%s\n%s\n%s\n' "$pid" "$(basename "$dll")" "$description" >"$PID_DIR/$name.pid"
    STARTED_PROCESSES+=("$name")
    log_info "started $name, $description (pid $pid, log: ${log_file#"$REPO_ROOT"/})"
}

stop_recorded_process() {
    local name=$1 pid_file="$PID_DIR/$1.pid" pid
    [[ -f $pid_file ]] || return 0
    pid=$(pid_file_field "$pid_file" 1)
    if process_matches "$pid" "$(pid_file_field "$pid_file" 2)"; then
        log_info "stopping $name (pid $pid)"
    fi
    stop_process "$pid" "$(pid_file_field "$pid_file" 2)" "$name"
    rm -f "$pid_file"
}

# Stops the api first, so that it stops sending requests, then the silos, the last first.
stop_recorded_processes() {
    local name index
    local -a names
    mapfile -t names < <(recorded_process_names)
    if [[ -f $PID_DIR/api.pid ]]; then
        stop_recorded_process api
    fi
    for ((index = ${#names[@]} - 1; index >= 0; index--)); do
        name=${names[index]}
        if [[ $name != api ]]; then
            stop_recorded_process "$name"
        fi
    done
}

require_free_port() {
    local port=$1 purpose=$2
    if tcp_port_is_open 127.0.0.1 "$port"; then
        die "port $port ($purpose) is already in use on 127.0.0.1; stop what listens there" \
            "(./run.sh status shows what this script started) or choose other ports"
    fi
}

build_processes() {
    require_dotnet
    ensure_command_installed curl curl
    if [[ $BUILD == false ]]; then
        [[ -f $SILO_DLL && -f $API_DLL ]] ||
            die "--no-build was given but $SILO_DLL or $API_DLL is missing; run without --no-build"
        log_info "skipping the build (--no-build)"
        return 0
    fi
    log_info "building the silo and the api (Release)"
    dotnet build "$SILO_PROJECT" -c Release --nologo -v minimal
    dotnet build "$API_PROJECT" -c Release --nologo -v minimal
}

start_silos() {
    local index
    for ((index = 0; index < SILO_COUNT; index++)); do
        start_silo "$index"
    done
}

# Starts silo number index + 1 on its ports.
start_silo() {
    local index=$1 silo_port gateway_port
    ensure_audit_key
    ensure_secrets_keyring
    silo_port=$((SILO_PORT_BASE + index))
    gateway_port=$((GATEWAY_PORT_BASE + index))
    require_free_port "$silo_port" "silo $((index + 1)) silo-to-silo port"
    require_free_port "$gateway_port" "silo $((index + 1)) gateway port"
    start_process "silo-$((index + 1))" "$SILO_DLL" \
        "silo port $silo_port, gateway port $gateway_port" \
        env ORLEANSCONFIG_SILO_PORT="$silo_port" ORLEANSCONFIG_GATEWAY_PORT="$gateway_port" \
        dotnet "$(basename "$SILO_DLL")"
}

# Starts again the silos and api of a running platform whose processes died, for example after a
# crash, on the ports they had. The build is reused as it is.
restart_dead_processes() {
    local name
    for name in "$@"; do
        case $name in
            silo-*)
                log_info "$name is not running; starting it again"
                start_silo $((${name#silo-} - 1))
                ;;
            api)
                log_info "the api is not running; starting it again"
                start_api
                ;;
        esac
    done
}

# The first admin key of a new database. The api creates it from ORLEANSCONFIG_ADMIN_KEY when the
# database has no key yet. Unless the variable is set, a key is generated once and kept in
# $RUN_DIR/admin-key (mode 600), so every later start passes the same key.
ensure_admin_key() {
    local key_file="$RUN_DIR/admin-key"
    if [[ -n ${ORLEANSCONFIG_ADMIN_KEY:-} ]]; then
        return 0
    fi
    if [[ ! -s $key_file ]]; then
        log_info "generating the first admin key into ${key_file#"$REPO_ROOT"/}"
        (
            umask 077
            printf 'oc_%s_%s\n' "$(LC_ALL=C tr -dc 'a-z2-7' </dev/urandom | head -c 16 || true)" \
                "$(LC_ALL=C tr -dc 'a-z2-7' </dev/urandom | head -c 52 || true)" >"$key_file"
        )
    fi
    ORLEANSCONFIG_ADMIN_KEY=$(<"$key_file")
    export ORLEANSCONFIG_ADMIN_KEY
}

# The server key that links and signs the audit log. Unless ORLEANSCONFIG_AUDIT_KEY is set, 32
# random bytes are generated once into $RUN_DIR/audit-key (mode 600), so that the audit log written
# by one start still verifies after the next.
ensure_audit_key() {
    local key_file="$RUN_DIR/audit-key"
    if [[ -n ${ORLEANSCONFIG_AUDIT_KEY:-} ]]; then
        return 0
    fi
    if [[ ! -s $key_file ]]; then
        log_info "generating the audit key into ${key_file#"$REPO_ROOT"/}"
        (
            umask 077
            od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$key_file"
        )
    fi
    ORLEANSCONFIG_AUDIT_KEY=$(<"$key_file")
    export ORLEANSCONFIG_AUDIT_KEY
}

# The key-encryption keys of secrets. Unless a keyring or Vault is configured through the
# ORLEANSCONFIG_SECRETS_* variables, a keyring file with one key of 32 random bytes is generated once
# into $RUN_DIR/secrets-keyring.json (mode 600). The silos re-read the file when it changes, so a key
# added to it can become active through a key rotation without a restart (docs/secrets.md).
ensure_secrets_keyring() {
    local key_file="$RUN_DIR/secrets-keyring.json" key_id
    if [[ -n ${ORLEANSCONFIG_SECRETS_KEYRING:-} || -n ${ORLEANSCONFIG_SECRETS_KEYRING_FILE:-} ||
        -n ${ORLEANSCONFIG_SECRETS_VAULT_ADDRESS:-} ]]; then
        return 0
    fi
    if [[ ! -s $key_file ]]; then
        key_id="local-$(date -u +%Y%m%d)"
        log_info "generating the secrets keyring into ${key_file#"$REPO_ROOT"/} (key $key_id)"
        (
            umask 077
            printf '{"activeKeyId": "%s",\n "keys": [{"id": "%s", "key": "%s"}]}\n' "$key_id" "$key_id" \
                "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >"$key_file"
        )
    fi
    ORLEANSCONFIG_SECRETS_KEYRING_FILE=$key_file
    export ORLEANSCONFIG_SECRETS_KEYRING_FILE
}

# Prints how to read the admin key: the file run.sh keeps, or the variable the user set.
admin_key_hint() {
    if [[ -s "$RUN_DIR/admin-key" && $ORLEANSCONFIG_ADMIN_KEY == "$(<"$RUN_DIR/admin-key")" ]]; then
        # shellcheck disable=SC2016 # printed for the user's shell to expand
        printf '$(cat %s)' "${RUN_DIR#"$REPO_ROOT"/}/admin-key"
    else
        # shellcheck disable=SC2016 # printed for the user's shell to expand
        printf '"$ORLEANSCONFIG_ADMIN_KEY"'
    fi
}

start_api() {
    local -a arguments=(--urls "$ORLEANSCONFIG_API_URL")
    ensure_admin_key
    local description="$ORLEANSCONFIG_API_URL"
    require_free_port "$(url_port "$(api_base_url)")" "api HTTP port"
    if [[ $DEV_MODE == true ]]; then
        arguments=(--dev "${arguments[@]}")
        description="$description, dev mode"
    fi
    start_process api "$API_DLL" "$description" dotnet "$(basename "$API_DLL")" "${arguments[@]}"
}

# Prints the last lines of a process's log after it failed.
show_log_tail() {
    local name=$1
    log_warn "last lines of ${LOG_DIR#"$REPO_ROOT"/}/$name.log:"
    tail -n 30 "$LOG_DIR/$name.log" >&2 || true
}

# Succeeds when the /health/ready body reports at least SILO_COUNT active silos. The api's
# cluster health check writes "N active silo(s)". A body without that count is accepted.
all_silos_are_active() {
    local body=$1
    if [[ $DEV_MODE == true ]] || ((SILO_COUNT == 1)); then
        return 0
    fi
    if [[ $body =~ ([0-9]+)\ active\ silo ]]; then
        ((BASH_REMATCH[1] >= SILO_COUNT))
    else
        return 0
    fi
}

# Waits until GET /health/ready returns 200 and reports all silos active, for at most
# ORLEANSCONFIG_READY_TIMEOUT seconds (default 120). Fails at once when a started process exits.
wait_until_ready() {
    local url timeout=${ORLEANSCONFIG_READY_TIMEOUT:-120} started=$SECONDS
    local response status body name last_progress=""
    url="$(api_base_url)/health/ready"
    log_info "waiting for $url to return 200 (at most $timeout s)"

    while true; do
        response=$(curl -s --max-time 3 -w '\n%{http_code}' "$url" || true)
        status=${response##*$'\n'}
        body=${response%$'\n'*}
        if [[ $status == 200 ]]; then
            if all_silos_are_active "$body"; then
                log_info "the api is ready after $((SECONDS - started)) s"
                return 0
            fi
            # all_silos_are_active has left the active count in BASH_REMATCH[1].
            if [[ ${BASH_REMATCH[1]} != "$last_progress" ]]; then
                log_info "the api is ready; waiting for all $SILO_COUNT silos to join" \
                    "(${BASH_REMATCH[1]} active)"
                last_progress=${BASH_REMATCH[1]}
            fi
        fi
        for name in "${STARTED_PROCESSES[@]}"; do
            if ! recorded_process_is_running "$name"; then
                log_warn "$name exited before the api became ready"
                show_log_tail "$name"
                return 1
            fi
        done
        if ((SECONDS - started >= timeout)); then
            log_warn "timed out after $timeout s: $url returned ${status/#000/no response}" \
                "(set ORLEANSCONFIG_READY_TIMEOUT to wait longer)"
            show_log_tail api
            return 1
        fi
        if (((SECONDS - started) % 15 == 14)); then
            log_info "still waiting for $url (last status: ${status/#000/no response})"
        fi
        sleep 1
    done
}

# ---------------------------------------------------------------------------------------
# Services

start_services() {
    STARTED_SERVICES_FILE=$SERVICES_FILE
    ensure_postgres_running
    ensure_postgres_database "$PG_DATABASE"
    ensure_redis_running
}

# Stops the services recorded in .run/services-started, the last started first.
stop_recorded_services() {
    local index
    local -a entries
    [[ -f $SERVICES_FILE ]] || return 0
    mapfile -t entries <"$SERVICES_FILE"
    for ((index = ${#entries[@]} - 1; index >= 0; index--)); do
        if [[ -n ${entries[index]} ]]; then
            stop_started_service "${entries[index]}"
        fi
    done
    rm -f "$SERVICES_FILE"
}

# Stops the services that this run of the script started and removes them from the file.
stop_own_services() {
    local entry remaining
    for entry in "${STARTED_SERVICES[@]}"; do
        if [[ -f $SERVICES_FILE ]]; then
            remaining=$(grep -vxF -e "$entry" "$SERVICES_FILE" || true)
            if [[ -n $remaining ]]; then
                printf '%s\n' "$remaining" >"$SERVICES_FILE"
            else
                rm -f "$SERVICES_FILE"
            fi
        fi
    done
    stop_started_services
}

# ---------------------------------------------------------------------------------------
# Output for the user

print_next_steps() {
    local url
    url=$(api_base_url)
    if [[ $DEV_MODE == true ]]; then
        print_dev_mode_notice
    fi
    cat <<EOF

OrleansConfig is ready at $url

Every request except health needs a key. run.sh passes the first admin key (an admin of all
namespaces, created when the database had no key) to the api; keep it secret. Read it with:
  export OC_KEY=$(admin_key_hint)

Try it:
  curl -H "Authorization: Bearer \$OC_KEY" -X PUT $url/v1/namespaces/demo
  curl -H "Authorization: Bearer \$OC_KEY" -X PUT $url/v1/namespaces/demo/environments/dev
  # from a folder that contains an appsettings.json (any JSON file works):
  curl -H "Authorization: Bearer \$OC_KEY" -X POST --data-binary @appsettings.json \\
    '$url/v1/namespaces/demo/environments/dev/import?format=json'
  curl -H "Authorization: Bearer \$OC_KEY" $url/v1/namespaces/demo/environments/dev/configs

Health: $url/health/live and $url/health/ready
Logs:   ${LOG_DIR#"$REPO_ROOT"/}/
EOF
}

print_dev_mode_notice() {
    cat <<'EOF'

  DEV MODE: one api process with an in-process silo and in-memory storage.
  Nothing is kept: every namespace, environment and value is lost when it stops.
  PostgreSQL and Redis are neither used nor started.
EOF
}

# ---------------------------------------------------------------------------------------
# Commands

prepare_state_dir() {
    mkdir -p "$PID_DIR" "$LOG_DIR"
    local name
    for name in $(recorded_process_names); do
        if ! recorded_process_is_running "$name"; then
            rm -f "$PID_DIR/$name.pid"
        fi
    done
}

# Starts the services (unless --dev) and the processes (unless --services-only).
start_everything() {
    if [[ $DEV_MODE == true ]]; then
        print_dev_mode_notice
    else
        start_services
    fi
    if [[ $SERVICES_ONLY == true ]]; then
        return 0
    fi

    build_processes
    if [[ $DEV_MODE == false ]]; then
        start_silos
    fi
    start_api
    wait_until_ready
}

# Exit trap of `run` and of a `start` that did not finish: stops what this run started.
stop_own_processes_and_services() {
    local name index
    if [[ $CLEANUP_DONE == true ]]; then
        return 0
    fi
    CLEANUP_DONE=true
    trap '' INT TERM
    set +e

    if [[ -n $LOG_TAIL_PID ]]; then
        kill "$LOG_TAIL_PID" 2>/dev/null
    fi
    if [[ -f $PID_DIR/api.pid ]] && [[ " ${STARTED_PROCESSES[*]} " == *" api "* ]]; then
        stop_recorded_process api
    fi
    for ((index = ${#STARTED_PROCESSES[@]} - 1; index >= 0; index--)); do
        name=${STARTED_PROCESSES[index]}
        if [[ $name != api ]]; then
            stop_recorded_process "$name"
        fi
    done
    stop_own_services
    log_info "stopped everything this run started"
}

on_start_exit() {
    if [[ $START_COMPLETED == false ]]; then
        log_warn "start did not finish; stopping what it started"
        stop_own_processes_and_services
    fi
}

command_start() {
    local -a dead=()
    local name
    export_process_settings
    mkdir -p "$PID_DIR"
    for name in $(recorded_process_names); do
        recorded_process_is_running "$name" || dead+=("$name")
    done
    prepare_state_dir
    if any_recorded_process_is_running; then
        if [[ ${#dead[@]} -gt 0 ]]; then
            restart_dead_processes "${dead[@]}"
            wait_until_ready || true
        else
            log_info "already running; stop it first with ./run.sh stop to start again with other options"
        fi
        command_status || true
        return 0
    fi

    trap on_start_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_everything
    START_COMPLETED=true

    if [[ $SERVICES_ONLY == true ]]; then
        log_info "PostgreSQL and Redis are running; export these for a silo or api started by hand:"
        printf '  export ORLEANSCONFIG_POSTGRES=%s\n  export ORLEANSCONFIG_REDIS=%s\n' \
            "$(shell_single_quote "$ORLEANSCONFIG_POSTGRES")" "$(shell_single_quote "$ORLEANSCONFIG_REDIS")"
    else
        print_next_steps
    fi
    printf '\nStop with ./run.sh stop; show the state with ./run.sh status.\n'
}

# Waits while the started processes run. Returns 1 when one exits by itself, and 2 when
# `./run.sh stop` from another terminal removed a pid file (that command stops the rest).
watch_processes() {
    local name
    while true; do
        for name in "${STARTED_PROCESSES[@]}"; do
            if [[ ! -f $PID_DIR/$name.pid ]]; then
                log_info "$name was stopped by ./run.sh stop, which stops the rest"
                return 2
            fi
            if ! recorded_process_is_running "$name"; then
                log_warn "$name exited unexpectedly; stopping the rest"
                show_log_tail "$name"
                return 1
            fi
        done
        sleep 1
    done
}

command_run() {
    local -a log_files=()
    local name status=0

    export_process_settings
    prepare_state_dir
    if any_recorded_process_is_running; then
        die "OrleansConfig is already running (see ./run.sh status); stop it with ./run.sh stop"
    fi

    trap stop_own_processes_and_services EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_everything

    if [[ $SERVICES_ONLY == true ]]; then
        log_info "PostgreSQL and Redis are running; press Ctrl-C to stop them"
        while true; do
            sleep 1
        done
    fi

    print_next_steps
    printf '\nPress Ctrl-C to stop everything this script started. The logs follow.\n\n'
    for name in "${STARTED_PROCESSES[@]}"; do
        log_files+=("$LOG_DIR/$name.log")
    done
    tail -n 0 -F "${log_files[@]}" &
    LOG_TAIL_PID=$!

    watch_processes || status=$?
    if ((status == 2)); then
        kill "$LOG_TAIL_PID" 2>/dev/null || true
        CLEANUP_DONE=true
        status=0
    fi
    exit "$status"
}

command_stop() {
    local stopped_something=false
    export_process_settings
    if [[ -n $(recorded_process_names) ]]; then
        stopped_something=true
        stop_recorded_processes
    fi
    if [[ -s $SERVICES_FILE ]]; then
        stopped_something=true
        stop_recorded_services
    fi
    if [[ $stopped_something == false ]]; then
        log_info "nothing to stop: no process or service started by ./run.sh is recorded in ${RUN_DIR#"$REPO_ROOT"/}/"
    fi
}

print_service_status() {
    local started_by_script
    parse_postgres_connection_string "$ORLEANSCONFIG_POSTGRES"
    parse_redis_configuration "$ORLEANSCONFIG_REDIS"

    started_by_script="not started by run.sh"
    if grep -q '^postgres ' "$SERVICES_FILE" 2>/dev/null; then
        started_by_script="started by run.sh"
    fi
    if postgres_accepts_connections "$PG_HOST" "$PG_PORT"; then
        printf 'PostgreSQL  %s:%s  accepting connections (%s)\n' "$PG_HOST" "$PG_PORT" "$started_by_script"
    else
        printf 'PostgreSQL  %s:%s  not responding\n' "$PG_HOST" "$PG_PORT"
    fi

    started_by_script="not started by run.sh"
    if grep -q '^redis ' "$SERVICES_FILE" 2>/dev/null; then
        started_by_script="started by run.sh"
    fi
    if redis_replies_to_ping "$REDIS_HOST" "$REDIS_PORT"; then
        printf 'Redis       %s:%s  replying (%s)\n' "$REDIS_HOST" "$REDIS_PORT" "$started_by_script"
    else
        printf 'Redis       %s:%s  not responding\n' "$REDIS_HOST" "$REDIS_PORT"
    fi
}

# Shows what runs. Exits 0 only when every recorded process runs and the api is ready, so that
# scripts can use it as a check.
command_status() {
    local name pid_file state ready_status healthy=true
    export_process_settings
    print_service_status

    for name in $(recorded_process_names); do
        pid_file="$PID_DIR/$name.pid"
        state="not running"
        if recorded_process_is_running "$name"; then
            state="running"
        else
            healthy=false
        fi
        printf '%-11s pid %-7s %s (%s)\n' "$name" "$(pid_file_field "$pid_file" 1)" "$state" \
            "$(pid_file_field "$pid_file" 3)"
    done
    if [[ -z $(recorded_process_names) ]]; then
        printf 'No silo or api started by run.sh is recorded.\n'
    fi

    ready_status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$(api_base_url)/health/ready" || true)
    printf '%s/health/ready: %s\n' "$(api_base_url)" "${ready_status/#000/no response}"
    [[ $healthy == true && $ready_status == 200 ]]
}

main() {
    parse_arguments "$@"
    case $COMMAND in
        run) command_run ;;
        start) command_start ;;
        stop) command_stop ;;
        status) command_status ;;
        help) usage ;;
        *) die "unknown command '$COMMAND'; see ./run.sh help" ;;
    esac
}

main "$@"
