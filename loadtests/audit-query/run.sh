#!/usr/bin/env bash
# Fills the audit table with generated records that form valid chains, then measures GET /v1/audit
# through a running api: five query shapes, each query reading up to three pages, one request at a
# time. Prints p50, p99 and max latency per shape as a Markdown table for docs/benchmarks.md.
#
# The api and its silo must be running, with the per-caller rate limit off so that the limit is not
# what is measured:  OrleansConfig__RateLimit__PermitsPerSecond=0 ./run.sh start
# The fill writes into the silo's database under the silo's service id and links the chains with the
# silo's audit key, so POST /v1/audit/verify?namespace=payments passes afterwards. Audit records
# cannot be deleted, so fill a service id only once; BENCH_SKIP_FILL=1 queries what is there.
#
# Options (environment):
#   ORLEANSCONFIG_POSTGRES    the silo's database (default: the one ./run.sh uses)
#   ORLEANSCONFIG_SERVICE_ID  the silo's service id (default orleansconfig)
#   ORLEANSCONFIG_AUDIT_KEY   the silo's audit key (default: the contents of .run/audit-key)
#   ORLEANSCONFIG_API_URL     the api (default http://127.0.0.1:5080)
#   ORLEANSCONFIG_ADMIN_KEY   a global admin key (default: the contents of .run/admin-key)
#   BENCH_RECORDS             records to fill (default 1000000)
#   BENCH_DAYS                days the records span, ending now (default 90)
#   BENCH_QUERIES             measured queries per shape (default 200)
#   BENCH_PAGES               pages each query reads at most (default 3)
#   BENCH_SKIP_FILL           set to 1 to query the records already there
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../../scripts/lib.sh
source "$repo/scripts/lib.sh"

export ORLEANSCONFIG_POSTGRES=${ORLEANSCONFIG_POSTGRES:-$DEFAULT_POSTGRES}
export ORLEANSCONFIG_API_URL=${ORLEANSCONFIG_API_URL:-http://127.0.0.1:5080}
export ORLEANSCONFIG_AUDIT_KEY=${ORLEANSCONFIG_AUDIT_KEY:-$(cat "$repo/.run/audit-key" 2>/dev/null || true)}
export ORLEANSCONFIG_ADMIN_KEY=${ORLEANSCONFIG_ADMIN_KEY:-$(cat "$repo/.run/admin-key" 2>/dev/null || true)}
if [[ -z $ORLEANSCONFIG_ADMIN_KEY ]]; then
  echo "No admin key: set ORLEANSCONFIG_ADMIN_KEY or start the api with ./run.sh start" >&2
  exit 1
fi

if ! curl -fsS "$ORLEANSCONFIG_API_URL/health/ready" >/dev/null; then
  echo "The api at $ORLEANSCONFIG_API_URL is not ready; start it with ./run.sh start" >&2
  exit 1
fi

echo "Building the benchmark tool"
dotnet build "$here/AuditQueryBench/AuditQueryBench.csproj" -c Release -o "$here/AuditQueryBench/bin/out" \
  -v quiet -nologo >/dev/null
tool=("dotnet" "$here/AuditQueryBench/bin/out/AuditQueryBench.dll")

if [[ -z ${BENCH_SKIP_FILL:-} ]]; then
  if [[ -z $ORLEANSCONFIG_AUDIT_KEY ]]; then
    echo "No audit key: set ORLEANSCONFIG_AUDIT_KEY to the silo's, or the chains would not verify" >&2
    exit 1
  fi
  "${tool[@]}" fill --records "${BENCH_RECORDS:-1000000}" --days "${BENCH_DAYS:-90}"
fi

"${tool[@]}" query --queries "${BENCH_QUERIES:-200}" --pages "${BENCH_PAGES:-3}"
