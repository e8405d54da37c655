'use strict';
// Generates flagd flag sets and evaluation contexts from a seed and resolves every case with
// @openfeature/flagd-core. Prints {seed, sets: [{definition, cases: [...]}]} as JSON.
// Usage: node generate.js [--seed N] [--sets N] [--cases N]
//        node generate.js --fixtures DIR   (every *.json flagd file of DIR, with fixed contexts)
//
// Left out on purpose, because the engine under test differs from flagd-core there by design
// (see docs/flags-evaluation.md): an empty targeting key, non-ASCII bucketing values, numbers
// that a double does not represent exactly, and an if with fewer than three arguments.

const { FlagdCore } = require('@openfeature/flagd-core');

function parseArguments(argv) {
  const options = { seed: 1, sets: 40, cases: 25, fixtures: null };
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'fixtures') {
      options.fixtures = argv[i + 1];
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 0) {
      throw new Error(`Unknown or invalid option ${argv[i]} ${argv[i + 1]}; use --seed, --sets, --cases with integers.`);
    }
    options[name] = value;
  }
  return options;
}

// mulberry32: a small seeded generator, so a seed always yields the same cases.
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

const VARIANT_SETS = {
  boolean: [{ on: true, off: false }, { true: true, false: false }],
  string: [{ red: '#f00', green: '#0f0', blue: '#00f' }, { a: 'A', b: 'B', c: 'C', d: 'D' }],
  number: [{ one: 1, two: 2.5, big: 9007199254740991, neg: -1 }, { 1: 10, 2: 20, 3: 30 }],
  object: [{ small: { size: 1 }, large: { size: 3, tags: ['x'] }, list: [1, 2] }],
};
const CODE_DEFAULTS = { boolean: false, string: 'code-default', number: -7, object: { code: 'default' } };
const EXACT_NUMBERS = [
  0, -0, 1, -1, 0.5, 0.1, 0.2, 0.30000000000000004, 1e21, 1e-7, 123.456, 2 ** 31, 2 ** 31 - 1,
  9007199254740991, 9007199254740992, -9007199254740992, 9007199254740994, 1.7976931348623157e308, 5e-324,
];
const STRINGS = ['', 'abc', 'ABC', 'abcdef', 'xyz', 'title', 'TITLE', 'i', 'I', '10', '2', '1e3', ' 7 ', 'null', 'a.b'];
const VERSIONS = [
  '1.0.0', '1.2.3', 'v1.2.3', 'V2.0.0', '0.9.0', '0.10.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta',
  '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0+build.5', '2', '2.1', '3.0.0', '10.0.0', 'not-a-version',
  '1.2.3.4', '01.2.3', '1.2.3-01', '1.2.3-0a', 'vv1.2.3',
];
const SEMVER_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', '^', '~', '=='];
const EMAIL_DOMAINS = ['@example.com', '@faas.com', '@test.org', '@example.com.evil'];

function makeGenerator(random) {
  const r = random;
  const attribute = () => r.pick(['email', 'age', 'tier', 'version', 'beta', 'score', 'tags', 'n', 'nothing', 'nested.level']);
  const constant = () => r.pick([
    () => r.pick(EXACT_NUMBERS),
    () => r.pick(STRINGS),
    () => r.pick([true, false, null]),
    () => r.int(-5, 120),
    () => r.pick(['gold', 'silver', 'bronze']),
  ])();

  function value(depth) {
    if (depth <= 0 || r.chance(0.45)) {
      return r.chance(0.6) ? { var: attribute() } : constant();
    }
    return r.pick([
      () => ({ [r.pick(['+', '-', '*', '/', '%'])]: [value(depth - 1), value(depth - 1)] }),
      () => ({ [r.pick(['max', 'min'])]: [value(depth - 1), r.pick(EXACT_NUMBERS)] }),
      () => ({ cat: [value(depth - 1), r.pick(['-', '', '@'])] }),
      () => ({ substr: [{ var: r.pick(['email', 'tier']) }, r.int(-4, 4), r.int(-3, 5)] }),
      () => ({ var: [attribute(), constant()] }),
      () => ({ if: [condition(depth - 1), value(depth - 1), value(depth - 1)] }),
      () => ({ merge: [{ var: 'tags' }, [constant()]] }),
      () => ({ map: [{ var: 'tags' }, { cat: [{ var: '' }, '!'] }] }),
      () => ({ reduce: [{ var: 'tags' }, { cat: [{ var: 'accumulator' }, { var: 'current' }] }, ''] }),
      () => ({ missing: [attribute(), attribute()] }),
      () => ({ missing_some: [1, [attribute(), attribute()]] }),
    ])();
  }

  function condition(depth) {
    if (depth <= 0 || r.chance(0.4)) {
      return r.pick([
        () => ({ [r.pick(['==', '===', '!=', '!==', '<', '<=', '>', '>='])]: [value(0), value(0)] }),
        () => ({ [r.pick(['<', '<='])]: [r.int(0, 50), { var: r.pick(['age', 'score', 'n']) }, r.int(40, 130)] }),
        () => ({ in: [r.pick(['gold', 'silver', 'x', '@faas.com']), { var: r.pick(['tags', 'email', 'tier']) }] }),
        () => ({ in: [{ var: 'tier' }, ['gold', 'silver', 'platinum']] }),
        () => ({ [r.pick(['starts_with', 'ends_with'])]: [{ var: r.pick(['email', 'tier', 'age']) }, r.pick(['ab', 'gold', ...EMAIL_DOMAINS])] }),
        () => ({ sem_ver: [{ var: 'version' }, r.pick(SEMVER_OPERATORS), r.pick(VERSIONS)] }),
        () => ({ sem_ver: [r.pick(VERSIONS), r.pick(SEMVER_OPERATORS), r.pick(VERSIONS)] }),
        () => ({ [r.pick(['!', '!!'])]: [value(0)] }),
        () => ({ [r.pick(['all', 'some', 'none'])]: [{ var: 'tags' }, { in: [{ var: '' }, ['gold', 'beta']] }] }),
        () => ({ filter: [{ var: 'tags' }, { '==': [{ var: '' }, 'gold'] }] }),
        () => ({ '>': [{ var: '$flagd.timestamp' }, 1000000000] }),
        () => ({ '==': [{ var: '$flagd.flagKey' }, r.pick(['flag-0', 'flag-1', 'other'])] }),
        () => ({ $ref: r.pick(['isFaas', 'isAdult', 'noSuchEvaluator']) }),
      ])();
    }
    return r.pick([
      () => ({ and: [condition(depth - 1), condition(depth - 1)] }),
      () => ({ or: [condition(depth - 1), condition(depth - 1)] }),
      () => ({ '!': condition(depth - 1) }),
      () => ({ if: [condition(depth - 1), condition(depth - 1), condition(depth - 1)] }),
    ])();
  }

  function fractional(names) {
    const count = r.int(1, 4);
    const buckets = [];
    for (let i = 0; i < count; i++) {
      const name = r.chance(0.9) ? r.pick(names) : r.pick(['missing-variant', null, 3, true]);
      if (r.chance(0.15)) {
        buckets.push([name]);
      } else {
        buckets.push([name, r.pick([r.int(0, 100), 10, 20, 70, 0, -5, 1, 2.5, 1000000])]);
      }
    }
    const bucketBy = r.pick([
      null, null, { var: 'email' }, { cat: [{ var: '$flagd.flagKey' }, { var: 'email' }] }, { var: 'nothing' },
      { var: 'age' }, 'fixed-bucketing-value',
    ]);
    return { fractional: bucketBy === null ? buckets : [bucketBy, ...buckets] };
  }

  function result(names, depth) {
    const pickResult = () => r.pick([
      () => r.pick(names),
      () => null,
      () => r.pick(['missing-variant', true, false, 1, 2]),
      () => fractional(names),
    ])();
    if (depth <= 0 || r.chance(0.3)) {
      return pickResult();
    }
    const branches = r.int(1, 3);
    const args = [];
    for (let i = 0; i < branches; i++) {
      args.push(condition(r.int(0, 2)), result(names, depth - 1));
    }
    // An if with fewer than three arguments runs in json-logic-engine's interpreter, whose
    // semantics differ from its compiled code; flagd-core compiles the rest. Always three or more.
    if (args.length < 3 || r.chance(0.7)) {
      args.push(result(names, depth - 1));
    }
    return { if: args };
  }

  function flag(index) {
    const type = r.pick(['boolean', 'string', 'number', 'object']);
    const variants = r.pick(VARIANT_SETS[type]);
    const names = Object.keys(variants);
    const definition = { state: r.chance(0.08) ? 'DISABLED' : 'ENABLED', variants };
    const defaultChoice = r.int(0, 9);
    if (defaultChoice === 0) {
      definition.defaultVariant = null;
    } else if (defaultChoice > 1) {
      definition.defaultVariant = r.pick(names);
    }
    if (r.chance(0.85)) {
      definition.targeting = r.chance(0.3) ? fractional(names) : result(names, r.int(0, 3));
    }
    if (r.chance(0.2)) {
      definition.metadata = { owner: r.pick(['team-a', 'team-b']), revision: r.int(1, 9) };
    }
    return { key: `flag-${index}`, type, definition };
  }

  function context() {
    const context = {};
    if (r.chance(0.85)) {
      context.targetingKey = `user-${r.int(0, 100000)}`;
    }
    const set = (name, make) => {
      if (r.chance(0.75)) {
        context[name] = make();
      }
    };
    set('email', () => `${r.pick(['ann', 'bob', 'abe', 'zed'])}${r.int(0, 99)}${r.pick(EMAIL_DOMAINS)}`);
    set('age', () => r.pick([r.int(0, 120), r.pick(EXACT_NUMBERS), String(r.int(0, 99)), null]));
    set('tier', () => r.pick(['gold', 'silver', 'bronze', 'GOLD', '', 'title']));
    set('version', () => r.pick(VERSIONS));
    set('beta', () => r.pick([true, false, 'true', 0, 1]));
    set('score', () => r.pick([0.1, 0.2, 0.30000000000000004, 99.5, -3.25, 1e21, 1e-7]));
    set('tags', () => r.pick([[], ['gold'], ['beta', 'gold'], ['x', 'y', 'z'], 'gold']));
    set('n', () => r.pick(EXACT_NUMBERS));
    set('nested', () => ({ level: r.pick(['deep', 1, null]) }));
    return context;
  }

  return { flag, context };
}

function resolve(core, type, flagKey, defaultValue, context) {
  const methods = {
    boolean: 'resolveBooleanEvaluation',
    string: 'resolveStringEvaluation',
    number: 'resolveNumberEvaluation',
    object: 'resolveObjectEvaluation',
  };
  const result = core[methods[type]](flagKey, defaultValue, context);
  return {
    value: result.value === undefined ? null : result.value,
    variant: result.variant === undefined ? null : result.variant,
    reason: result.reason,
    errorCode: result.errorCode === undefined ? null : result.errorCode,
  };
}

const SILENT = { error() {}, warn() {}, info() {}, debug() {} };

// Contexts for real flag files: attributes that their rules read, in matching and failing forms.
const FIXTURE_CONTEXTS = [
  {},
  { targetingKey: 'user-1', email: 'ann@faas.com', color: 'yellow', tier: 'premium', region: 'eu' },
  {
    targetingKey: 'user-2', email: 'bob@openfeature.dev', id: 'abc123xyz', version: '2.0.0', user: { name: 'Sulisław' },
    fn: 'Sulisław', ln: 'Świętopełk', age: 29, customer: false, time: 1, tier: 'enterprise', region: 'usa',
  },
  { email: 'zed@example.com', version: 'v3.1.0', id: 'zzzxyz', time: 99999999999, product_id: 'OLJCESPC7Z', color: 'red' },
  { targetingKey: 'user-3', version: '1.9.9-rc.1', id: 'xyz', region: 'uk', tier: 'premium', email: 'x@faas.com' },
];

function typeOf(value) {
  return value !== null && typeof value === 'object' ? 'object' : typeof value;
}

function fixtureSets(folder) {
  const fs = require('fs');
  const path = require('path');
  const sets = [];
  for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    const core = new FlagdCore(undefined, SILENT);
    core.setConfigurations(text);
    const cases = [];
    for (const [key, flag] of core.getFlags()) {
      const type = typeOf([...flag.variants.values()][0]);
      for (const context of FIXTURE_CONTEXTS) {
        cases.push({ flagKey: key, type, defaultValue: CODE_DEFAULTS[type], context, expected: resolve(core, type, key, CODE_DEFAULTS[type], context) });
      }
    }
    sets.push({ file, definition: JSON.parse(text), cases });
  }
  return sets;
}

function main() {
  const options = parseArguments(process.argv);
  if (options.fixtures) {
    process.stdout.write(JSON.stringify({ seed: null, sets: fixtureSets(options.fixtures) }));
    return;
  }
  const random = createRandom(options.seed);
  const generator = makeGenerator(random);
  const sets = [];
  for (let s = 0; s < options.sets; s++) {
    const flags = [];
    for (let f = 0; f < 6; f++) {
      flags.push(generator.flag(f));
    }
    const definition = {
      $schema: 'https://flagd.dev/schema/v0/flags.json',
      flags: Object.fromEntries(flags.map((flag) => [flag.key, flag.definition])),
      $evaluators: {
        isFaas: { in: ['@faas.com', { var: 'email' }] },
        isAdult: { '>=': [{ var: 'age' }, 18] },
      },
      metadata: { flagSetId: `set-${s}` },
    };
    const core = new FlagdCore(undefined, SILENT);
    core.setConfigurations(JSON.stringify(definition));
    const cases = [];
    for (let c = 0; c < options.cases; c++) {
      const flag = random.pick(flags);
      const type = random.chance(0.1) ? random.pick(Object.keys(CODE_DEFAULTS)) : flag.type;
      const context = generator.context();
      const expected = resolve(core, type, flag.key, CODE_DEFAULTS[type], context);
      cases.push({ flagKey: flag.key, type, defaultValue: CODE_DEFAULTS[type], context, expected });
    }
    const missing = resolve(core, 'string', 'no-such-flag', CODE_DEFAULTS.string, {});
    cases.push({ flagKey: 'no-such-flag', type: 'string', defaultValue: CODE_DEFAULTS.string, context: {}, expected: missing });
    sets.push({ definition, cases });
  }
  process.stdout.write(JSON.stringify({ seed: options.seed, sets }));
}

main();
