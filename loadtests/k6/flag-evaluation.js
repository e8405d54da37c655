// Flag evaluation: OFREP single and bulk evaluation with a random context. The admin key names
// the environment in X-Namespace and X-Environment. Untested here: k6 cannot be installed.
import { check } from 'k6';
import { http, params, pick, flagKey, randomContext, scenario, BASE_URL } from './lib.js';

export const options = {
  scenarios: { flags: scenario(600) },
  thresholds: { http_req_failed: ['rate==0'], 'http_req_duration{kind:flag}': ['p(99)<10'] },
};

export default function () {
  const p = pick('flags');
  const bulk = Math.random() < 0.3;
  const url = `${BASE_URL}/ofrep/v1/evaluate/flags${bulk ? '' : `/${flagKey(p.local)}`}`;
  const response = http.post(url, JSON.stringify(randomContext()),
    Object.assign(params({ 'X-Namespace': p.ns, 'X-Environment': p.env }), { tags: { kind: 'flag' } }));
  check(response, { 'evaluated': (r) => r.status === 200 });
}
