// Shared settings of the k6 scripts. They read the data that `loadtests/run.sh` seeds (the same
// layout: namespaces PREFIX-00 … over dev, staging and prod, keys App00:Key00 …, flags flag-0000 …,
// secrets secret-000 …), so seed once with the load tool, then point k6 at the same api.
//
// Environment, with defaults: BASE_URL (http://127.0.0.1:5080), OC_KEY (an admin key), PREFIX (load),
// NAMESPACES (10), KEYS (10000), FLAGS (500), SECRETS (100). RATE is the steady phase's requests per
// second, RAMP and STEADY are k6 durations such as 1m and 3m, and ALLOW_TARGET names a host that is
// not loopback that you mean to load.
import http from 'k6/http';

export const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:5080').replace(/\/$/, '');
const host = BASE_URL.replace(/^https?:\/\//, '').replace(/[:/].*$/, '').replace(/^\[|\]$/g, '');
const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
if (!loopback && host !== __ENV.ALLOW_TARGET) {
  throw new Error(`BASE_URL host ${host} is not loopback; set ALLOW_TARGET=${host} to load it`);
}

const KEY = __ENV.OC_KEY || '';
const PREFIX = __ENV.PREFIX || 'load';
const NAMESPACES = Number(__ENV.NAMESPACES || 10);
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const COUNTS = {
  keys: Number(__ENV.KEYS || 10000),
  flags: Number(__ENV.FLAGS || 500),
  secrets: Number(__ENV.SECRETS || 100),
};

export const params = (extra = {}) => ({
  headers: Object.assign({ Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, extra),
  timeout: '10s',
});

// An open-loop profile that ramps to RATE, holds it and ramps down. Iterations start on schedule whether
// or not earlier ones returned, and k6 counts the ones it could not start as dropped_iterations.
export function scenario(defaultRate) {
  const rate = Number(__ENV.RATE || defaultRate);
  return {
    executor: 'ramping-arrival-rate',
    startRate: 0,
    timeUnit: '1s',
    preAllocatedVUs: Number(__ENV.VUS || 64),
    maxVUs: Number(__ENV.MAX_VUS || 256),
    stages: [
      { target: rate, duration: __ENV.RAMP || '1m' },
      { target: rate, duration: __ENV.STEADY || '3m' },
      { target: 0, duration: __ENV.RAMP_DOWN || '30s' },
    ],
  };
}

// Picks a seeded environment and the local index of an item of `kind`, as the load tool lays them out:
// item i goes to environment i modulo the environment count.
export function pick(kind) {
  const count = NAMESPACES * ENVIRONMENTS.length;
  const index = Math.floor(Math.random() * count);
  const share = Math.floor(COUNTS[kind] / count) + (index < COUNTS[kind] % count ? 1 : 0);
  const ns = `${PREFIX}-${String(Math.floor(index / ENVIRONMENTS.length)).padStart(2, '0')}`;
  return { ns, env: ENVIRONMENTS[index % ENVIRONMENTS.length], local: Math.floor(Math.random() * Math.max(1, share)) };
}

export const envPath = (p) => `${BASE_URL}/v1/namespaces/${p.ns}/environments/${p.env}`;
export const keyName = (local) =>
  `App${String(Math.floor(local / 50)).padStart(2, '0')}:Key${String(local % 50).padStart(2, '0')}`;
export const flagKey = (local) => `flag-${String(local).padStart(4, '0')}`;
export const secretName = (local) => `secret-${String(local).padStart(3, '0')}`;

export function randomContext() {
  const user = Math.floor(Math.random() * 1000000);
  return {
    context: {
      targetingKey: `user-${user}`,
      email: `user${user}@example.com`,
      country: ['de', 'fr', 'nl', 'us'][user % 4],
      age: 18 + (user % 60),
    },
  };
}

export { http };
