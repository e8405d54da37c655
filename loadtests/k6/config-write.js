// Config write: PUT with If-Match (the version of this VU's last write, else *), rollback to the
// previous version, and import of a 10-key file. Untested here: k6 cannot be installed.
import { check } from 'k6';
import { http, params, pick, envPath, keyName, scenario } from './lib.js';

export const options = {
  scenarios: { write: scenario(60) },
  thresholds: { http_req_failed: ['rate==0'], 'http_req_duration{kind:write}': ['p(99)<50'] },
};

const versions = {};
const tagged = (extra) => Object.assign(params(extra), { tags: { kind: 'write' } });

export default function () {
  const p = pick('keys');
  const url = `${envPath(p)}/configs/${encodeURIComponent(keyName(p.local))}`;
  const roll = Math.random();
  let response;
  if (roll < 0.1) {
    const file = {};
    for (let i = 0; i < 10; i++) file[`LoadImport:Key${i}`] = `${__VU}-${__ITER}`;
    response = http.post(`${envPath(p)}/import?format=json`, JSON.stringify(file), tagged());
  } else if (roll < 0.3 && versions[url] > 1) {
    response = http.post(`${url}/rollback`, JSON.stringify({ version: versions[url] - 1 }),
      tagged({ 'If-Match': `"${versions[url]}"` }));
  } else {
    const ifMatch = versions[url] ? `"${versions[url]}"` : '*';
    const body = JSON.stringify({ value: { vu: __VU, iteration: __ITER } });
    response = http.put(url, body, tagged({ 'If-Match': ifMatch }));
  }
  if (response.headers.Etag) {
    versions[url] = Number(response.headers.Etag.replace(/"/g, ''));
  }
  check(response, { 'written': (r) => r.status === 200 || r.status === 201 });
}
