#!/usr/bin/env bash
# Measures OrleansConfig.Flags with BenchmarkDotNet, then @openfeature/flagd-core with node, on
# the same flags and contexts (bench-cases.json). Prints both times per evaluation and their ratio. Needs the .NET SDK, node and npm. Arguments go to
# BenchmarkDotNet, for example: loadtests/flag-eval-bench/run.sh --job short
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
artifacts="$PWD/BenchmarkDotNet.Artifacts"

npm ci --no-audit --no-fund >/dev/null
dotnet run -c Release -- --filter '*FlagEvaluationBenchmarks*' --artifacts "$artifacts" --exporters csv "$@"
node flagd-core-timing.js "$artifacts/results/OrleansConfig.FlagEvalBench.FlagEvaluationBenchmarks-report.csv"
