// Config read: single-key GETs, half of them revalidated with If-None-Match, and environment
// snapshot GETs. Untested here: k6 cannot be installed on the development machines.
import { check } from 'k6';
import { http, params, pick, envPath, keyName, scenario } from './lib.js';

export const options = {
  scenarios: { read: scenario(600) },
  thresholds: { http_req_failed: ['rate==0'], 'http_req_duration{kind:read}': ['p(99)<10'] },
};

const etags = {};

export default function () {
  const p = pick('keys');
  const url = Math.random() < 0.7 ? `${envPath(p)}/configs/${encodeURIComponent(keyName(p.local))}`
    : `${envPath(p)}/configs`;
  const headers = etags[url] && Math.random() < 0.5 ? { 'If-None-Match': etags[url] } : {};
  const response = http.get(url, Object.assign(params(headers), { tags: { kind: 'read' } }));
  if (response.headers.Etag) {
    etags[url] = response.headers.Etag;
  }
  check(response, { 'read 200 or 304': (r) => r.status === 200 || r.status === 304 });
}
