# shellcheck shell=bash
# Shared shell functions for run.sh, test.sh and .ci/run: logging, package installs,
# PostgreSQL and Redis on 127.0.0.1, and processes tracked by pid files.
#
# Source this file from bash after `set -euo pipefail`. It defines functions and variables
# and starts nothing by itself.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="${ORLEANSCONFIG_RUN_DIR:-$REPO_ROOT/.run}"
SCRIPT_NAME="$(basename "$0")"

DEFAULT_POSTGRES="Host=127.0.0.1;Port=5432;Database=orleansconfig;Username=orleansconfig;Password=orleansconfig"
DEFAULT_REDIS="127.0.0.1:6379"

# Services started by this script run, one entry a line: "postgres local DATA_DIR",
# "postgres docker", "redis local PID_FILE" or "redis docker". Only these are stopped.
STARTED_SERVICES=()

# When set, started services are also appended to this file, so that a later
# `run.sh stop` stops them.
STARTED_SERVICES_FILE=""

APT_LISTS_UPDATED=false

# ---------------------------------------------------------------------------------------
# Messages

log_info() {
    printf '[%s] %s\n' "$SCRIPT_NAME" "$*"
}

log_warn() {
    printf '[%s] warning: %s\n' "$SCRIPT_NAME" "$*" >&2
}

die() {
    printf '[%s] error: %s\n' "$SCRIPT_NAME" "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------
# Privileges and packages

# Runs a command as root: directly when this script runs as root, else through sudo
# (without a password prompt when standard input is not a terminal).
run_as_root() {
    if ((EUID == 0)); then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        log_info "running with sudo: $*"
        if [[ -t 0 ]]; then
            sudo "$@"
        else
            sudo -n "$@"
        fi
    else
        die "'$*' needs root, but this script runs as $(id -un) and sudo is not installed;" \
            "run it as root or install the missing packages yourself"
    fi
}

# Installs Debian or Ubuntu packages with apt-get, running `apt-get update` once per
# script run first.
install_packages() {
    command -v apt-get >/dev/null 2>&1 ||
        die "apt-get not found: install $* yourself (this script installs packages only on Debian or Ubuntu)"

    if [[ $APT_LISTS_UPDATED == false ]]; then
        log_info "updating the apt package lists"
        run_as_root apt-get -q -o DPkg::Lock::Timeout=300 update
        APT_LISTS_UPDATED=true
    fi

    log_info "installing $* with apt-get"
    run_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get -q -y --no-install-recommends -o DPkg::Lock::Timeout=300 install "$@"
}

# Installs a package when the command it provides is missing.
ensure_command_installed() {
    local command=$1 package=$2
    if ! command -v "$command" >/dev/null 2>&1; then
        log_info "$command not found; installing $package"
        install_packages "$package"
    fi
}

require_dotnet() {
    command -v dotnet >/dev/null 2>&1 ||
        die "dotnet not found on PATH: install the .NET 10 SDK, then run again"
}

# ---------------------------------------------------------------------------------------
# Connection settings

# Sets PG_HOST, PG_PORT, PG_DATABASE, PG_USER and PG_PASSWORD from an Npgsql connection
# string. Npgsql's defaults apply: port 5432, and the database named after the user.
# NOTE: quoted values (such as a password containing ';') and multi-host lists are not parsed.
parse_postgres_connection_string() {
    local connection_string=$1 pair key value
    local -a pairs

    PG_HOST="" PG_PORT=5432 PG_DATABASE="" PG_USER="" PG_PASSWORD=""
    IFS=';' read -r -a pairs <<<"$connection_string"
    for pair in "${pairs[@]}"; do
        [[ $pair == *=* ]] || continue
        key=${pair%%=*}
        key=${key//[[:space:]]/}
        key=${key,,}
        value=${pair#*=}
        value=${value#"${value%%[![:space:]]*}"}
        value=${value%"${value##*[![:space:]]}"}
        case $key in
            host | server) PG_HOST=$value ;;
            port) PG_PORT=$value ;;
            database | db) PG_DATABASE=$value ;;
            username | user | userid | uid) PG_USER=$value ;;
            password | pwd) PG_PASSWORD=$value ;;
        esac
    done

    [[ -n $PG_HOST ]] || die "ORLEANSCONFIG_POSTGRES has no Host; example: $DEFAULT_POSTGRES"
    [[ -n $PG_USER ]] || die "ORLEANSCONFIG_POSTGRES has no Username; example: $DEFAULT_POSTGRES"
    [[ $PG_PORT =~ ^[0-9]+$ ]] || die "ORLEANSCONFIG_POSTGRES has an invalid Port '$PG_PORT'"
    PG_DATABASE=${PG_DATABASE:-$PG_USER}
}

# Prints the connection string with its Database value replaced (or appended).
replace_connection_string_database() {
    local connection_string=$1 database=$2 pair key result="" replaced=false
    local -a pairs

    IFS=';' read -r -a pairs <<<"$connection_string"
    for pair in "${pairs[@]}"; do
        [[ -n ${pair//[[:space:]]/} ]] || continue
        key=${pair%%=*}
        key=${key//[[:space:]]/}
        if [[ ${key,,} == database || ${key,,} == db ]]; then
            pair="Database=$database"
            replaced=true
        fi
        result+="${result:+;}$pair"
    done
    if [[ $replaced == false ]]; then
        result+=";Database=$database"
    fi
    printf '%s\n' "$result"
}

# Sets REDIS_HOST, REDIS_PORT and REDIS_PASSWORD from a StackExchange.Redis configuration
# string ("host:port,option=value,..."). Only the first endpoint is used.
parse_redis_configuration() {
    local configuration=$1 element key
    local -a elements

    REDIS_HOST="" REDIS_PORT=6379 REDIS_PASSWORD=""
    IFS=',' read -r -a elements <<<"$configuration"
    for element in "${elements[@]}"; do
        element=${element//[[:space:]]/}
        [[ -n $element ]] || continue
        if [[ $element == *=* ]]; then
            key=${element%%=*}
            if [[ ${key,,} == password ]]; then
                REDIS_PASSWORD=${element#*=}
            fi
        elif [[ -z $REDIS_HOST ]]; then
            if [[ $element == *:* ]]; then
                REDIS_HOST=${element%:*}
                REDIS_PORT=${element##*:}
            else
                REDIS_HOST=$element
            fi
        fi
    done

    [[ -n $REDIS_HOST ]] || die "ORLEANSCONFIG_REDIS has no endpoint; example: $DEFAULT_REDIS"
    [[ $REDIS_PORT =~ ^[0-9]+$ ]] || die "ORLEANSCONFIG_REDIS has an invalid port '$REDIS_PORT'"
}

# Succeeds for the host names on which these scripts may start a server of their own.
# Such a server listens on 127.0.0.1 only.
is_startable_host() {
    [[ $1 == 127.0.0.1 || $1 == localhost ]]
}

# Prints the address used to probe a host: 127.0.0.1 for localhost, else the host itself.
probe_address() {
    if [[ $1 == localhost ]]; then
        printf '127.0.0.1\n'
    else
        printf '%s\n' "$1"
    fi
}

# Quotes a value as an SQL string literal (standard_conforming_strings on).
sql_literal() {
    local value=${1//\'/\'\'}
    printf "'%s'" "$value"
}

# ---------------------------------------------------------------------------------------
# Probes

tcp_port_is_open() {
    # shellcheck disable=SC2016 # $0 and $1 expand in the inner bash.
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

postgres_accepts_connections() {
    local address
    address=$(probe_address "$1")
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$address" -p "$2" -t 3
    else
        # Without the client tools an open port is the best available sign.
        tcp_port_is_open "$address" "$2"
    fi
}

# Succeeds when a Redis server replies to PING, including the NOAUTH error of a server
# that requires a password.
redis_replies_to_ping() {
    local address
    address=$(probe_address "$1")
    # shellcheck disable=SC2016 # $0, $1 and $reply expand in the inner bash.
    timeout 3 bash -c '
        exec 3<>"/dev/tcp/$0/$1" || exit 1
        printf "PING\r\n" >&3
        IFS= read -r reply <&3 || exit 1
        [[ $reply == "+PONG"* || $reply == "-NOAUTH"* ]]
    ' "$address" "$2" 2>/dev/null
}

# ---------------------------------------------------------------------------------------
# Docker Compose (used for PostgreSQL and Redis only where a Docker engine runs)

docker_engine_is_running() {
    command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

# Runs Docker Compose v2 (`docker compose`) or v1 (`docker-compose`) on the repository's
# docker-compose.yml, with the host ports and credentials taken from the connection settings.
run_compose() {
    local -a compose
    if docker compose version >/dev/null 2>&1; then
        compose=(docker compose)
    elif command -v docker-compose >/dev/null 2>&1; then
        compose=(docker-compose)
    else
        die "a Docker engine runs but neither 'docker compose' nor 'docker-compose' is installed"
    fi

    ORLEANSCONFIG_PG_USER="${PG_USER:-orleansconfig}" \
        ORLEANSCONFIG_PG_PASSWORD="${PG_PASSWORD:-orleansconfig}" \
        ORLEANSCONFIG_PG_DATABASE="${PG_DATABASE:-orleansconfig}" \
        ORLEANSCONFIG_PG_HOST_PORT="${PG_PORT:-5432}" \
        ORLEANSCONFIG_REDIS_HOST_PORT="${REDIS_PORT:-6379}" \
        "${compose[@]}" -f "$REPO_ROOT/docker-compose.yml" "$@"
}

# Sets SERVICE_BACKEND to "local" or "docker": how to start a service that is not running.
# ORLEANSCONFIG_SERVICE_BACKEND=auto (the default) takes the installed server binary, else
# Docker Compose where a Docker engine runs, else installs the server with apt-get.
choose_service_backend() {
    local binary_is_installed=$1
    case "${ORLEANSCONFIG_SERVICE_BACKEND:-auto}" in
        local | docker) SERVICE_BACKEND=$ORLEANSCONFIG_SERVICE_BACKEND ;;
        auto)
            if [[ $binary_is_installed == false ]] && docker_engine_is_running; then
                SERVICE_BACKEND=docker
            else
                SERVICE_BACKEND=local
            fi
            ;;
        *) die "ORLEANSCONFIG_SERVICE_BACKEND must be auto, local or docker, not '$ORLEANSCONFIG_SERVICE_BACKEND'" ;;
    esac
}

# ---------------------------------------------------------------------------------------
# Started services

record_started_service() {
    STARTED_SERVICES+=("$1")
    if [[ -n $STARTED_SERVICES_FILE ]]; then
        printf '%s\n' "$1" >>"$STARTED_SERVICES_FILE"
    fi
}

# Stops one service recorded by record_started_service.
stop_started_service() {
    local entry=$1 name backend location
    read -r name backend location <<<"$entry"

    case "$name $backend" in
        "postgres local") stop_private_postgres "$location" ;;
        "redis local") stop_local_redis "$location" ;;
        "postgres docker" | "redis docker")
            log_info "stopping the $name container (docker compose stop $name)"
            run_compose stop "$name" || log_warn "docker compose stop $name failed"
            ;;
        *) log_warn "unknown service entry '$entry'; nothing stopped for it" ;;
    esac
}

# Stops the services this script run started, the last started first.
stop_started_services() {
    local index
    for ((index = ${#STARTED_SERVICES[@]} - 1; index >= 0; index--)); do
        stop_started_service "${STARTED_SERVICES[index]}"
    done
    STARTED_SERVICES=()
}

# ---------------------------------------------------------------------------------------
# PostgreSQL installation and private cluster

# Prints the bin directory of the newest installed PostgreSQL server, or of the given
# major version. Debian and Ubuntu keep each version's server in /usr/lib/postgresql/<major>/bin.
find_postgres_bindir() {
    local wanted_major=${1:-} dir major newest_major=""
    local newest_dir=""

    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]] || continue
        major=$(basename "$(dirname "$dir")")
        if [[ -n $wanted_major ]]; then
            if [[ $major == "$wanted_major" ]]; then
                printf '%s\n' "$dir"
                return 0
            fi
        elif [[ -z $newest_major ]] ||
            [[ $(printf '%s\n%s\n' "$newest_major" "$major" | sort -V | tail -n 1) == "$major" ]]; then
            newest_major=$major
            newest_dir=$dir
        fi
    done

    if [[ -n $newest_dir ]]; then
        printf '%s\n' "$newest_dir"
        return 0
    fi

    # Other layouts put initdb on PATH.
    if [[ -z $wanted_major ]] && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

ensure_postgres_server_installed() {
    if ! find_postgres_bindir >/dev/null; then
        log_info "no PostgreSQL server found; installing it"
        install_packages postgresql
        find_postgres_bindir >/dev/null ||
            die "PostgreSQL was installed but initdb was not found under /usr/lib/postgresql/*/bin or on PATH"
    fi
}

ensure_postgres_client_installed() {
    if ! command -v psql >/dev/null 2>&1 || ! command -v pg_isready >/dev/null 2>&1; then
        log_info "psql or pg_isready not found; installing the PostgreSQL client"
        install_packages postgresql-client
    fi
}

# The private cluster is owned by the postgres user when this script runs as root, because
# the server refuses to run as root, and by the current user otherwise.
cluster_owner() {
    if ((EUID == 0)); then
        printf 'postgres\n'
    else
        id -un
    fi
}

# Runs a command as the owner of the private cluster, from / so that a working directory
# that this user may not enter does not matter.
run_as_cluster_owner() {
    if ((EUID == 0)); then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Prints the folder under /tmp that takes the private cluster when RUN_DIR cannot.
fallback_cluster_dir() {
    local checksum
    checksum=$(printf '%s' "$REPO_ROOT" | cksum | cut -d ' ' -f 1)
    printf '/tmp/orleansconfig-postgres-%s\n' "$checksum"
}

# Sets PG_CLUSTER_DIR to the folder of this repository's initialized private cluster, or
# fails when there is none. The folder contains data/, socket/ and postgres.log.
find_private_cluster_dir() {
    local candidate
    for candidate in "$RUN_DIR/postgres" "$(fallback_cluster_dir)"; do
        if [[ -f $candidate/data/PG_VERSION ]]; then
            PG_CLUSTER_DIR=$candidate
            return 0
        fi
    done
    return 1
}

# Sets PG_CLUSTER_DIR for a new private cluster, which is RUN_DIR/postgres if possible.
# A folder under /tmp is used instead when the cluster owner cannot write to RUN_DIR (a
# clone under /root, for example) or when the path is too long for the server's Unix
# socket (at most 107 bytes).
select_private_cluster_dir() {
    local preferred="$RUN_DIR/postgres" fallback

    if find_private_cluster_dir; then
        return 0
    fi

    mkdir -p "$preferred"
    if ((EUID == 0)); then
        chown postgres: "$preferred"
    fi
    if ((${#preferred} + 30 <= 107)) && run_as_cluster_owner test -w "$preferred"; then
        PG_CLUSTER_DIR=$preferred
        return 0
    fi

    fallback=$(fallback_cluster_dir)
    log_warn "$(cluster_owner) cannot use $preferred (no access, or the path is too long" \
        "for a Unix socket); the private PostgreSQL cluster goes to $fallback"
    rmdir "$preferred" 2>/dev/null || true
    mkdir -p "$fallback"
    if ((EUID == 0)); then
        chown postgres: "$fallback"
    fi
    PG_CLUSTER_DIR=$fallback
}

# Prints the port that the private cluster in the given folder listens on. Fails when its
# server is not running. postmaster.pid contains the pid on line 1 and the port on line 4.
private_cluster_running_port() {
    local cluster_dir=$1 pid port
    [[ -r $cluster_dir/data/postmaster.pid ]] || return 1
    pid=$(sed -n 1p "$cluster_dir/data/postmaster.pid")
    port=$(sed -n 4p "$cluster_dir/data/postmaster.pid")
    [[ $pid =~ ^[0-9]+$ ]] && process_is_running "$pid" || return 1
    printf '%s\n' "$port"
}

# Prints the bin directory that matches the major version of an initialized data folder.
bindir_for_cluster() {
    local data_dir=$1 major bindir
    major=$(cat "$data_dir/PG_VERSION")
    bindir=$(find_postgres_bindir "$major") ||
        die "the cluster in $data_dir was created by PostgreSQL $major, which is not installed;" \
            "install postgresql-$major or remove $(dirname "$data_dir") to create a new cluster"
    printf '%s\n' "$bindir"
}

# Starts the private cluster on 127.0.0.1:PORT, creating it first when needed. Its superuser
# is the cluster owner, authenticated by peer over the Unix socket in PG_CLUSTER_DIR/socket.
# TCP connections need a password (scram-sha-256).
start_private_postgres() {
    local port=$1 bindir data_dir socket_dir log_file owner running_port stop_command

    ensure_postgres_server_installed
    select_private_cluster_dir
    data_dir="$PG_CLUSTER_DIR/data"
    socket_dir="$PG_CLUSTER_DIR/socket"
    log_file="$PG_CLUSTER_DIR/postgres.log"
    owner=$(cluster_owner)

    if [[ ! -f $data_dir/PG_VERSION ]]; then
        bindir=$(find_postgres_bindir)
        log_info "creating a private PostgreSQL cluster in $data_dir ($("$bindir/postgres" --version))"
        run_as_cluster_owner "$bindir/initdb" -D "$data_dir" -U "$owner" \
            --auth-local=peer --auth-host=scram-sha-256 --no-locale --encoding=UTF8 >/dev/null
    fi
    bindir=$(bindir_for_cluster "$data_dir")

    if running_port=$(private_cluster_running_port "$PG_CLUSTER_DIR"); then
        stop_command="$bindir/pg_ctl -D $data_dir stop"
        if ((EUID == 0)); then
            stop_command="runuser -u postgres -- $stop_command"
        fi
        die "the private PostgreSQL cluster in $data_dir already runs on port $running_port," \
            "but ORLEANSCONFIG_POSTGRES asks for port $port; stop it with: $stop_command"
    fi

    run_as_cluster_owner mkdir -p "$socket_dir"
    run_as_cluster_owner touch "$log_file"
    log_info "starting PostgreSQL on 127.0.0.1:$port (log: $log_file)"
    # Npgsql pools up to 100 connections per process, so the default max_connections (100)
    # can run out with several silos and the api on one server.
    if ! run_as_cluster_owner "$bindir/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c max_connections=500 -k '$socket_dir'" \
        start >/dev/null; then
        tail -n 20 "$log_file" >&2 || true
        die "PostgreSQL did not start; the lines above are the end of $log_file"
    fi
    record_started_service "postgres local $PG_CLUSTER_DIR"
}

stop_private_postgres() {
    local cluster_dir=$1 bindir

    if ! private_cluster_running_port "$cluster_dir" >/dev/null; then
        log_info "PostgreSQL in $cluster_dir/data is not running"
        return 0
    fi
    bindir=$(bindir_for_cluster "$cluster_dir/data")
    log_info "stopping PostgreSQL (data: $cluster_dir/data)"
    run_as_cluster_owner "$bindir/pg_ctl" -D "$cluster_dir/data" -m fast -w -t 60 stop >/dev/null ||
        log_warn "pg_ctl stop failed for $cluster_dir/data; see $cluster_dir/postgres.log"
}

start_docker_postgres() {
    local waited=0
    log_info "starting PostgreSQL with Docker Compose on 127.0.0.1:$PG_PORT"
    run_compose up -d postgres
    record_started_service "postgres docker"
    until postgres_accepts_connections "$PG_HOST" "$PG_PORT"; do
        ((waited < 60)) || die "PostgreSQL in Docker did not accept connections within 60 s"
        sleep 1
        waited=$((waited + 1))
    done
}

# Starts PostgreSQL unless it already accepts connections at the address in
# ORLEANSCONFIG_POSTGRES. A server that was already running is used and never stopped.
ensure_postgres_running() {
    local binary_is_installed=false

    parse_postgres_connection_string "${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}"
    ensure_postgres_client_installed

    if postgres_accepts_connections "$PG_HOST" "$PG_PORT"; then
        log_info "PostgreSQL already accepts connections at $PG_HOST:$PG_PORT; using it (it will be left running)"
        return 0
    fi
    if tcp_port_is_open "$(probe_address "$PG_HOST")" "$PG_PORT"; then
        die "$PG_HOST:$PG_PORT is open but does not respond as PostgreSQL;" \
            "free the port or point ORLEANSCONFIG_POSTGRES at another port"
    fi
    is_startable_host "$PG_HOST" ||
        die "PostgreSQL at $PG_HOST:$PG_PORT does not accept connections, and these scripts" \
            "start a server only on 127.0.0.1; start it yourself or change ORLEANSCONFIG_POSTGRES"

    if find_postgres_bindir >/dev/null; then
        binary_is_installed=true
    fi
    choose_service_backend "$binary_is_installed"
    if [[ $SERVICE_BACKEND == docker ]]; then
        start_docker_postgres
    else
        start_private_postgres "$PG_PORT"
    fi
}

# ---------------------------------------------------------------------------------------
# PostgreSQL role and databases

# Sets PG_ADMIN_METHOD to how this script can run SQL as a role that may create roles and
# databases, or to "" when it cannot. The methods, tried in this order:
#   private:   this repository's private cluster, as its superuser over the Unix socket.
#   admin-url: the libpq connection string in ORLEANSCONFIG_POSTGRES_ADMIN.
#   system:    the distribution's cluster, as the postgres OS user over its default socket.
#   app-role:  the role from ORLEANSCONFIG_POSTGRES, when it is a superuser or has CREATEDB.
select_postgres_admin() {
    local port

    PG_ADMIN_METHOD=""
    if is_startable_host "$PG_HOST" && find_private_cluster_dir &&
        port=$(private_cluster_running_port "$PG_CLUSTER_DIR") && [[ $port == "$PG_PORT" ]]; then
        PG_ADMIN_METHOD=private
    elif [[ -n ${ORLEANSCONFIG_POSTGRES_ADMIN:-} ]]; then
        PG_ADMIN_METHOD=admin-url
    elif is_startable_host "$PG_HOST" && run_system_postgres_psql -c 'SELECT 1' >/dev/null 2>&1; then
        PG_ADMIN_METHOD=system
    elif [[ $(run_app_psql postgres -tA -c \
        'SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user' 2>/dev/null) == t ]]; then
        PG_ADMIN_METHOD=app-role
    fi
}

# Runs psql as the postgres OS user on the default Unix socket of the distribution's cluster.
run_system_postgres_psql() {
    getent passwd postgres >/dev/null || return 1
    if ((EUID == 0)); then
        (cd / && runuser -u postgres -- psql -X -w -p "$PG_PORT" -d postgres "$@")
    elif command -v sudo >/dev/null 2>&1; then
        (cd / && sudo -n -u postgres psql -X -w -p "$PG_PORT" -d postgres "$@")
    else
        return 1
    fi
}

# Runs psql as the role from ORLEANSCONFIG_POSTGRES on the given database, over TCP.
run_app_psql() {
    local database=$1
    shift
    PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -w -h "$(probe_address "$PG_HOST")" \
        -p "$PG_PORT" -U "$PG_USER" -d "$database" "$@"
}

# Runs the SQL on standard input as the role chosen by select_postgres_admin; extra
# arguments go to psql.
run_admin_sql() {
    local -a options=(-X -q -w -v ON_ERROR_STOP=1 "$@")
    case $PG_ADMIN_METHOD in
        private)
            run_as_cluster_owner psql "${options[@]}" -h "$PG_CLUSTER_DIR/socket" -p "$PG_PORT" \
                -U "$(cluster_owner)" -d postgres
            ;;
        admin-url) psql "${options[@]}" -d "$ORLEANSCONFIG_POSTGRES_ADMIN" ;;
        system) run_system_postgres_psql "${options[@]}" ;;
        app-role) run_app_psql postgres "${options[@]}" ;;
        *) die "no PostgreSQL administrator connection was selected" ;;
    esac
}

describe_postgres_admin() {
    case $PG_ADMIN_METHOD in
        private) printf 'as superuser %s of the private cluster' "$(cluster_owner)" ;;
        admin-url) printf 'with ORLEANSCONFIG_POSTGRES_ADMIN' ;;
        system) printf 'as the postgres OS user' ;;
        app-role) printf 'as role %s' "$PG_USER" ;;
    esac
}

# Creates the role from ORLEANSCONFIG_POSTGRES and a database owned by it, when missing.
# With "recreate" as second argument an existing database is dropped first. The silo
# creates the tables itself. An existing role keeps its password.
ensure_postgres_database() {
    local database=$1 mode=${2:-keep} role_literal database_literal password_literal owner

    select_postgres_admin
    if [[ -z $PG_ADMIN_METHOD ]]; then
        if run_app_psql "$database" -c 'SELECT 1' >/dev/null 2>&1; then
            if [[ $mode == recreate ]]; then
                log_warn "database $database is kept as it is (not recreated): no administrator" \
                    "access to PostgreSQL at $PG_HOST:$PG_PORT (see ORLEANSCONFIG_POSTGRES_ADMIN)"
            else
                log_info "database $database is reachable as role $PG_USER; nothing to create"
            fi
            return 0
        fi
        die "cannot create role $PG_USER and database $database at $PG_HOST:$PG_PORT: no" \
            "administrator access. Set ORLEANSCONFIG_POSTGRES_ADMIN to a libpq connection string" \
            "of a superuser (e.g. 'host=127.0.0.1 port=$PG_PORT user=postgres password=...')," \
            "or run: CREATE ROLE $PG_USER LOGIN PASSWORD '...'; CREATE DATABASE $database OWNER $PG_USER;"
    fi

    role_literal=$(sql_literal "$PG_USER")
    database_literal=$(sql_literal "$database")
    password_literal=$(sql_literal "$PG_PASSWORD")

    if [[ $mode == recreate ]]; then
        log_info "dropping database $database to start from an empty one ($(describe_postgres_admin))"
        run_admin_sql <<SQL
SET client_min_messages = warning;
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', $database_literal) \gexec
SQL
    fi

    log_info "creating role $PG_USER and database $database unless they exist ($(describe_postgres_admin))"
    # The password goes through standard input, not the command line, so ps does not show it.
    run_admin_sql <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', $role_literal, $password_literal)
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = $role_literal) \gexec
SELECT format('CREATE DATABASE %I OWNER %I', $database_literal, $role_literal)
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = $database_literal) \gexec
SQL

    owner=$(run_admin_sql -tA <<SQL
SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = $database_literal;
SQL
    ) || true
    if [[ -n $owner && $owner != "$PG_USER" ]]; then
        log_warn "database $database is owned by $owner, not $PG_USER; the silo may lack the" \
            "right to create its tables there"
    fi

    run_app_psql "$database" -c 'SELECT 1' >/dev/null ||
        die "role $PG_USER cannot log in to database $database at $PG_HOST:$PG_PORT; check the" \
            "Password in ORLEANSCONFIG_POSTGRES (an existing role keeps its password)"
}

# ---------------------------------------------------------------------------------------
# Redis

ensure_redis_server_installed() {
    if ! command -v redis-server >/dev/null 2>&1; then
        log_info "redis-server not found; installing it"
        install_packages redis-server
    fi
}

# Starts redis-server on 127.0.0.1:PORT without persistence: cluster membership is the only
# data the silos keep in Redis, and it is rebuilt when they start.
start_local_redis() {
    local port=$1 redis_dir="$RUN_DIR/redis" waited=0

    ensure_redis_server_installed
    mkdir -p "$redis_dir"
    log_info "starting Redis on 127.0.0.1:$port (log: $redis_dir/redis.log)"
    # The configuration is read from standard input ("-") so that a password stays off the
    # command line. Errors go to standard error, and standard output only repeats where the
    # configuration comes from.
    {
        if [[ -n $REDIS_PASSWORD ]]; then
            printf 'requirepass "%s"\n' "$REDIS_PASSWORD"
        fi
    } | redis-server - --daemonize yes --bind 127.0.0.1 --port "$port" --save '' \
        --appendonly no --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" \
        --logfile "$redis_dir/redis.log" >/dev/null

    until redis_replies_to_ping "$REDIS_HOST" "$port"; do
        if ((waited >= 30)); then
            tail -n 20 "$redis_dir/redis.log" >&2 || true
            die "Redis did not reply to PING within 30 s; the lines above are the end of $redis_dir/redis.log"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    record_started_service "redis local $redis_dir/redis.pid"
}

stop_local_redis() {
    local pid_file=$1 pid
    if [[ ! -f $pid_file ]]; then
        log_info "Redis is not running (no $pid_file)"
        return 0
    fi
    pid=$(cat "$pid_file")
    log_info "stopping Redis (pid $pid)"
    stop_process "$pid" redis-server "Redis"
    rm -f "$pid_file"
}

start_docker_redis() {
    local waited=0
    log_info "starting Redis with Docker Compose on 127.0.0.1:$REDIS_PORT"
    run_compose up -d redis
    record_started_service "redis docker"
    until redis_replies_to_ping "$REDIS_HOST" "$REDIS_PORT"; do
        ((waited < 60)) || die "Redis in Docker did not reply to PING within 60 s"
        sleep 1
        waited=$((waited + 1))
    done
}

# Starts Redis unless a server already replies at the address in ORLEANSCONFIG_REDIS.
# A server that was already running is used and never stopped.
ensure_redis_running() {
    local binary_is_installed=false

    parse_redis_configuration "${ORLEANSCONFIG_REDIS:-$DEFAULT_REDIS}"
    if redis_replies_to_ping "$REDIS_HOST" "$REDIS_PORT"; then
        log_info "Redis already replies at $REDIS_HOST:$REDIS_PORT; using it (it will be left running)"
        return 0
    fi
    if tcp_port_is_open "$(probe_address "$REDIS_HOST")" "$REDIS_PORT"; then
        die "$REDIS_HOST:$REDIS_PORT is open but does not respond as Redis;" \
            "free the port or point ORLEANSCONFIG_REDIS at another port"
    fi
    is_startable_host "$REDIS_HOST" ||
        die "Redis at $REDIS_HOST:$REDIS_PORT does not reply, and these scripts start a server" \
            "only on 127.0.0.1; start it yourself or change ORLEANSCONFIG_REDIS"

    if command -v redis-server >/dev/null 2>&1; then
        binary_is_installed=true
    fi
    choose_service_backend "$binary_is_installed"
    if [[ $SERVICE_BACKEND == docker ]]; then
        start_docker_redis
    else
        start_local_redis "$REDIS_PORT"
    fi
}

# ---------------------------------------------------------------------------------------
# Processes

# Succeeds while the process exists and is not a zombie.
process_is_running() {
    local pid=$1 state
    [[ -r /proc/$pid/stat ]] || return 1
    state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ $state != Z && $state != X ]]
}

# Succeeds when the process is running and its command line contains the marker, which
# guards against signalling an unrelated process that reused a recorded pid.
process_matches() {
    local pid=$1 marker=$2 command_line
    process_is_running "$pid" || return 1
    command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $command_line == *"$marker"* ]]
}

# Sends SIGTERM to one process, waits up to ORLEANSCONFIG_STOP_TIMEOUT seconds (default 30)
# for it to exit, then sends SIGKILL.
stop_process() {
    local pid=$1 marker=$2 description=$3 timeout=${ORLEANSCONFIG_STOP_TIMEOUT:-30} waited=0

    if ! process_matches "$pid" "$marker"; then
        log_info "$description (pid $pid) is not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    while process_is_running "$pid"; do
        if ((waited >= timeout * 10)); then
            log_warn "$description (pid $pid) did not exit within $timeout s after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}
