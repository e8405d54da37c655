#!/usr/bin/env bash
# Runs the test suite against PostgreSQL and Redis on 127.0.0.1. Starts them when they are
# not running and stops those it started at the end, recreates the test database (default
# orleansconfig_test), builds in Release and runs `dotnet test`. Arguments go to
# `dotnet test`, for example: ./test.sh --filter FullyQualifiedName~Import
# The exit code is the test run's.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

SOLUTION="$REPO_ROOT/OrleansConfig.sln"

# Starts the services the tests need and exports the variables the tests read.
prepare_services() {
    local base_connection_string test_database

    base_connection_string="${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}"
    test_database="${ORLEANSCONFIG_TEST_DATABASE:-orleansconfig_test}"

    ensure_postgres_running
    if [[ $test_database == "$PG_DATABASE" ]]; then
        die "ORLEANSCONFIG_TEST_DATABASE ($test_database) must differ from the database in" \
            "ORLEANSCONFIG_POSTGRES, because test.sh drops and recreates it"
    fi
    ensure_postgres_database "$test_database" recreate
    ensure_redis_running

    ORLEANSCONFIG_POSTGRES=$(replace_connection_string_database "$base_connection_string" "$test_database")
    export ORLEANSCONFIG_POSTGRES
    export ORLEANSCONFIG_REDIS="${ORLEANSCONFIG_REDIS:-$DEFAULT_REDIS}"
    # A cluster id of its own keeps test silos out of a cluster that ./run.sh runs on the
    # same Redis, and out of membership entries left by an earlier test run.
    export ORLEANSCONFIG_CLUSTER_ID="${ORLEANSCONFIG_CLUSTER_ID:-orleansconfig-test-$$}"
    # A key-encryption key of its own for each run, generated here and never stored: the test
    # database is recreated, so nothing needs it afterwards.
    if [[ -z ${ORLEANSCONFIG_SECRETS_KEYRING:-} && -z ${ORLEANSCONFIG_SECRETS_KEYRING_FILE:-} ]]; then
        ORLEANSCONFIG_SECRETS_KEYRING="test-$$:$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
        export ORLEANSCONFIG_SECRETS_KEYRING
    fi

    log_info "tests use database $test_database at $PG_HOST:$PG_PORT as role $PG_USER," \
        "Redis at $REDIS_HOST:$REDIS_PORT and cluster id $ORLEANSCONFIG_CLUSTER_ID"
}

on_exit() {
    local status=$?
    trap '' INT TERM
    set +e
    if ((${#STARTED_SERVICES[@]} > 0)); then
        log_info "stopping the services this test run started"
        stop_started_services
    fi
    exit "$status"
}

main() {
    local status=0

    require_dotnet
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    prepare_services

    log_info "building $(basename "$SOLUTION") (Release)"
    dotnet build "$SOLUTION" -c Release --nologo -v minimal

    log_info "running dotnet test${*:+ with extra arguments: $*}"
    dotnet test "$SOLUTION" -c Release --no-build --nologo \
        --logger "console;verbosity=normal" "$@" || status=$?

    if ((status == 0)); then
        log_info "tests passed"
    else
        log_warn "dotnet test exited with code $status"
    fi
    return "$status"
}

main "$@"
