#!/usr/bin/env bash
# Runs the platform load tests and writes the load verification report:
#
#   loadtests/run.sh --profile smoke|machine|staging [--scenario NAME] [--target URL]
#                    [--driver http|orleans] --out DIR [more options of the tool]
#
# Builds loadtests/platform in Release. Without --target it uses ORLEANSCONFIG_API_URL (default
# http://127.0.0.1:5080); when nothing answers there it starts the platform with ./run.sh start, with
# the per-caller rate limit off, and stops it at the end. The tool seeds through the public API
# (resumable; the state is kept in .run/loadtests/seed-state-PORT.json), runs the scenarios and
# writes DIR/report.md, DIR/report.html, DIR/report.json and the PNG plots.
#
# The admin key comes from ORLEANSCONFIG_ADMIN_KEY or .run/admin-key. The silo and api processes
# that ./run.sh recorded in .run/pids, and PostgreSQL and Redis when they listen on this machine,
# are sampled for CPU and memory. A target that is not loopback is rejected unless --allow-target
# names its host. Every other option goes to the tool; see --help.
#
#   loadtests/run.sh --render DIR/report.json --out DIR [--slo FILE]
#
# writes the report of an earlier run again from its report.json with this build of the tool, sending
# no request.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../scripts/lib.sh
source "$here/../scripts/lib.sh"

TOOL_PROJECT="$here/platform/PlatformLoad.csproj"
TOOL_DLL="$here/platform/bin/Release/net10.0/PlatformLoad.dll"
PID_DIR="$RUN_DIR/pids"

if [[ ${1:-} == --render ]]; then
  require_dotnet
  dotnet build "$TOOL_PROJECT" -c Release --nologo -v quiet >/dev/null
  exec dotnet "$TOOL_DLL" "$@"
fi

target=""
has_seed_state=false
tool_args=()
original_args=("$@")
while (($# > 0)); do
  case $1 in
    --target)
      (($# >= 2)) || die "--target needs a URL"
      target=$2
      shift 2
      ;;
    --seed-state)
      has_seed_state=true
      tool_args+=("$1")
      shift
      ;;
    --help)
      require_dotnet
      dotnet build "$TOOL_PROJECT" -c Release --nologo -v quiet >/dev/null
      dotnet "$TOOL_DLL" --help
      exit 0
      ;;
    *)
      tool_args+=("$1")
      shift
      ;;
  esac
done

target=${target:-${ORLEANSCONFIG_API_URL:-http://127.0.0.1:5080}}
target=${target%/}
started_platform=false

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [[ $started_platform == true ]]; then
    log_info "stopping the platform this script started"
    "$REPO_ROOT/run.sh" stop || true
  fi
}
trap cleanup EXIT

# Prints the pid of the process listening on 127.0.0.1:$1, or nothing.
listener_pid() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}

# Prints NAME=PID pairs for the recorded silo and api processes and the local PostgreSQL and Redis.
watched_processes() {
  local pid_file name pid
  local -a pairs=()
  for pid_file in "$PID_DIR"/*.pid; do
    [[ -e $pid_file ]] || continue
    name=$(basename "$pid_file" .pid)
    pid=$(sed -n 1p "$pid_file")
    process_is_running "$pid" && pairs+=("$name=$pid")
  done
  parse_postgres_connection_string "${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}"
  parse_redis_configuration "${ORLEANSCONFIG_REDIS:-$DEFAULT_REDIS}"
  pid=$(listener_pid "$PG_PORT")
  [[ -n $pid ]] && pairs+=("postgres=$pid")
  pid=$(listener_pid "$REDIS_PORT")
  [[ -n $pid ]] && pairs+=("redis=$pid")
  (IFS=,; printf '%s\n' "${pairs[*]}")
}

require_dotnet
log_info "building the load tool (Release)"
dotnet build "$TOOL_PROJECT" -c Release --nologo -v quiet >/dev/null

# The options, and whether the target is loopback or named by --allow-target, are checked before
# anything is sent to the target. The key is checked later, once a started platform has made one.
dotnet "$TOOL_DLL" --check --key unchecked --target "$target" "${tool_args[@]}" || exit 2

host=${target#*://}
host=${host%%/*}
if [[ $host == \[* ]]; then
  host=${host#[}
  host=${host%%]*}
else
  host=${host%%:*}
fi
if ! curl -fsS --max-time 3 "$target/health/ready" >/dev/null 2>&1; then
  if [[ $host != 127.* && $host != localhost && $host != ::1 ]]; then
    die "the target $target is not ready, and only a local platform is started by this script"
  fi
  log_info "nothing ready at $target: starting the platform with ./run.sh start (rate limit off)"
  export ORLEANSCONFIG_API_URL=$target
  export OrleansConfig__RateLimit__PermitsPerSecond=0
  started_platform=true
  "$REPO_ROOT/run.sh" start
fi

export ORLEANSCONFIG_ADMIN_KEY=${ORLEANSCONFIG_ADMIN_KEY:-$(cat "$RUN_DIR/admin-key" 2>/dev/null || true)}
[[ -n $ORLEANSCONFIG_ADMIN_KEY ]] || die "no admin key: set ORLEANSCONFIG_ADMIN_KEY or start the api with ./run.sh"
LOADTESTS_COMMIT="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n $(git -C "$REPO_ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
  LOADTESTS_COMMIT="$LOADTESTS_COMMIT (with uncommitted changes)"
fi
export LOADTESTS_COMMIT
export LOADTESTS_COMMAND="loadtests/run.sh ${original_args[*]}"

if [[ $has_seed_state == false ]]; then
  port=${target##*:}
  tool_args+=(--seed-state "$RUN_DIR/loadtests/seed-state-${port//[^0-9]/}.json")
fi
watch=$(watched_processes)
if [[ -n $watch ]]; then
  tool_args+=(--watch "$watch")
fi
log_info "load average before the run: $(cut -d ' ' -f 1-3 /proc/loadavg)"
status=0
dotnet "$TOOL_DLL" --target "$target" --slo "$here/slo.json" "${tool_args[@]}" || status=$?
log_info "load average after the run: $(cut -d ' ' -f 1-3 /proc/loadavg)"
exit "$status"
