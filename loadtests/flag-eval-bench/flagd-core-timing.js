'use strict';
// Times @openfeature/flagd-core on the flags of bench-cases.json with the same 1,000 contexts
// as the BenchmarkDotNet project. Given that project's CSV report, it also prints the ratio of
// the two engines' times per case.
// Usage: node flagd-core-timing.js [path/to/FlagEvaluationBenchmarks-report.csv]

const fs = require('fs');
const path = require('path');
const { FlagdCore } = require('@openfeature/flagd-core');

const ROUNDS = 15;
const WARMUP_PASSES = 300;
const PASSES_PER_ROUND = 100;
const TIERS = ['gold', 'silver', 'platinum', 'bronze'];
const SILENT = { error() {}, warn() {}, info() {}, debug() {} };
const METHODS = { boolean: 'resolveBooleanEvaluation', string: 'resolveStringEvaluation' };

function contexts(count) {
  return Array.from({ length: count }, (_, i) => ({
    targetingKey: `user-${i}`,
    email: i % 4 === 0 ? `u${i}@example.com` : `u${i}@mail.test`,
    tier: TIERS[Math.floor(i / 4) % 4],
    age: 10 + ((i * 7) % 60),
  }));
}

// Returns the median nanoseconds per evaluation over ROUNDS rounds.
function time(core, testCase, contextList) {
  const method = METHODS[testCase.type];
  const fallback = testCase.type === 'boolean' ? false : '';
  let sink = 0;
  const pass = () => {
    for (const context of contextList) {
      const result = core[method](testCase.flagKey, fallback, context);
      sink += result.value ? 1 : 0;
    }
  };
  for (let i = 0; i < WARMUP_PASSES; i++) pass();
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < PASSES_PER_ROUND; i++) pass();
    const elapsed = Number(process.hrtime.bigint() - start);
    samples.push(elapsed / (PASSES_PER_ROUND * contextList.length));
  }
  samples.sort((a, b) => a - b);
  if (sink < 0) throw new Error('unreachable');
  return samples[Math.floor(samples.length / 2)];
}

// Reads "Method" and "Mean" (e.g. "123.4 ns" or "1.234 μs") from BenchmarkDotNet's CSV report.
function readDotnetReport(file) {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(','));
  const method = header.indexOf('Method');
  const mean = header.indexOf('Mean');
  const scale = { ns: 1, 'μs': 1000, us: 1000, ms: 1e6 };
  return Object.fromEntries(rows.map((row) => {
    const [number, unit] = row[mean].replace(/"/g, '').trim().split(' ');
    return [row[method].toLowerCase(), Number(number.replace(/[^0-9.]/g, '')) * scale[unit]];
  }));
}

function main() {
  const cases = JSON.parse(fs.readFileSync(path.join(__dirname, 'bench-cases.json'), 'utf8'));
  const core = new FlagdCore(undefined, SILENT);
  core.setConfigurations(JSON.stringify({ flags: cases.flags }));
  const contextList = contexts(cases.contextCount);
  const dotnet = process.argv[2] ? readDotnetReport(process.argv[2]) : {};
  console.log(`node ${process.version}, @openfeature/flagd-core ${require('@openfeature/flagd-core/package.json').version}`);
  console.log('| Case | flagd-core ns/op | OrleansConfig.Flags ns/op | Ratio (ours / flagd-core) |');
  console.log('|---|---|---|---|');
  for (const testCase of cases.cases) {
    const flagd = time(core, testCase, contextList);
    const ours = dotnet[testCase.name];
    const ratio = ours === undefined ? 'n/a' : (ours / flagd).toFixed(2);
    console.log(`| ${testCase.name} | ${flagd.toFixed(1)} | ${ours === undefined ? 'n/a' : ours.toFixed(1)} | ${ratio} |`);
  }
}

main();
