// Secret access: metadata lists and audited reveals. A reveal needs a key allowed to read the value:
// the admin key here; the load tool uses one service token per environment instead. Untested here.
import { check } from 'k6';
import { http, params, pick, envPath, secretName, scenario } from './lib.js';

export const options = {
  scenarios: { secrets: scenario(100) },
  thresholds: { http_req_failed: ['rate==0'] },
};

export default function () {
  const p = pick('secrets');
  const url = Math.random() < 0.5 ? `${envPath(p)}/secrets`
    : `${envPath(p)}/secrets/${secretName(p.local)}/value`;
  check(http.get(url, params()), { '200': (r) => r.status === 200 });
}
