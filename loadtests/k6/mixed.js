// Mixed: a read-heavy day run as concurrent open-loop scenarios, 90 % reads (configuration and
// flags), 8 % writes and 2 % secret and audit requests, at RATE requests per second in all. A soak is
// the same script with a long STEADY (for example STEADY=2h); SPIKE=5 adds a jump to five times the
// rate in the middle of the steady phase. Untested here: k6 cannot be installed.
import read from './config-read.js';
import flags from './flag-evaluation.js';
import write from './config-write.js';
import secrets from './secret-access.js';
import audit from './audit-reports.js';

export { read, flags, write, secrets, audit };

const total = Number(__ENV.RATE || 400);
const spike = Number(__ENV.SPIKE || 1);

function share(fraction, exec) {
  const rate = Math.max(1, Math.round(total * fraction));
  const stages = spike > 1
    ? [
      { target: rate, duration: __ENV.RAMP || '1m' },
      { target: rate, duration: '1m' },
      { target: rate * spike, duration: '5s' },
      { target: rate * spike, duration: __ENV.SPIKE_DURATION || '20s' },
      { target: rate, duration: '5s' },
      { target: rate, duration: __ENV.STEADY || '3m' },
      { target: 0, duration: __ENV.RAMP_DOWN || '30s' },
    ]
    : [
      { target: rate, duration: __ENV.RAMP || '1m' },
      { target: rate, duration: __ENV.STEADY || '3m' },
      { target: 0, duration: __ENV.RAMP_DOWN || '30s' },
    ];
  return { executor: 'ramping-arrival-rate', startRate: 0, timeUnit: '1s', preAllocatedVUs: 32, maxVUs: 256,
    stages, exec };
}

export const options = {
  scenarios: {
    read: share(0.70, 'read'),
    flags: share(0.20, 'flags'),
    write: share(0.08, 'write'),
    secrets: share(0.015, 'secrets'),
    audit: share(0.005, 'audit'),
  },
  thresholds: {
    http_req_failed: ['rate==0'],
    'http_req_duration{kind:read}': ['p(99)<10'],
    'http_req_duration{kind:flag}': ['p(99)<10'],
    'http_req_duration{kind:write}': ['p(99)<50'],
  },
};
