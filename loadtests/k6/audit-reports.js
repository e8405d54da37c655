// Audit and reports: filtered audit queries of the last day and, rarely, a JSON compliance report of
// one environment (one keeps it under the api's limit of 10,000 changes per report).
// Untested here: k6 cannot be installed on the development machines.
import { check } from 'k6';
import { http, params, pick, scenario, BASE_URL } from './lib.js';

export const options = {
  scenarios: { audit: scenario(20) },
  thresholds: { http_req_failed: ['rate==0'], 'http_req_duration{kind:audit}': ['p(99)<50'] },
};

export default function () {
  const p = pick('keys');
  const from = new Date(Date.now() - 86400000).toISOString();
  let url;
  let kind = 'audit';
  if (Math.random() < 0.03) {
    const to = new Date(Date.now() + 60000).toISOString();
    url = `${BASE_URL}/v1/audit/reports/${p.ns}?environment=${p.env}&from=${from}&to=${to}&format=json`;
    kind = 'report';
  } else {
    url = `${BASE_URL}/v1/audit?namespace=${p.ns}&environment=${p.env}&from=${from}&limit=100`;
  }
  check(http.get(url, Object.assign(params(), { tags: { kind } })), { '200': (r) => r.status === 200 });
}
