'use strict';

// Evaluates flags with @openfeature/server-sdk through @openfeature/ofrep-provider against an
// OrleansConfig api and prints one JSON object per case: the typed value, variant, reason, error
// code and flag metadata, as the SDK returns them to application code.
//
// Usage: node evaluate.js --url http://127.0.0.1:5080 --key oc_… --cases cases.json
//          [--auth bearer|x-api-key] [--namespace NS --environment ENV]
// cases.json: [{"flag": "new-banner", "type": "boolean", "default": false, "context": {...}}, …]
// The key may also come from OFREP_API_KEY, so that it does not show in the process list.

const fs = require('node:fs');
const { OpenFeature } = require('@openfeature/server-sdk');
const { OFREPProvider } = require('@openfeature/ofrep-provider');

function readArguments(argv) {
  const options = { auth: 'bearer' };
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (i + 1 >= argv.length) {
      throw new Error(`--${name} needs a value`);
    }
    options[name] = argv[i + 1];
  }
  options.key = options.key ?? process.env.OFREP_API_KEY;
  for (const required of ['url', 'key', 'cases']) {
    if (!options[required]) {
      throw new Error(`--${required} is missing; see the usage at the top of evaluate.js`);
    }
  }
  const host = new URL(options.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    throw new Error(`--url must name this machine (127.0.0.1); got ${host}`);
  }
  return options;
}

function headersFor(options) {
  const headers = options.auth === 'x-api-key'
    ? { 'X-API-Key': options.key }
    : { Authorization: `Bearer ${options.key}` };
  if (options.namespace) {
    headers['X-Namespace'] = options.namespace;
  }
  if (options.environment) {
    headers['X-Environment'] = options.environment;
  }
  return headers;
}

const detailsOf = {
  boolean: (client, c) => client.getBooleanDetails(c.flag, c.default, c.context),
  string: (client, c) => client.getStringDetails(c.flag, c.default, c.context),
  number: (client, c) => client.getNumberDetails(c.flag, c.default, c.context),
  object: (client, c) => client.getObjectDetails(c.flag, c.default, c.context),
};

async function main() {
  const options = readArguments(process.argv);
  const cases = JSON.parse(fs.readFileSync(options.cases, 'utf8'));
  const provider = new OFREPProvider({ baseUrl: options.url, headers: headersFor(options) });
  await OpenFeature.setProviderAndWait(provider);
  const client = OpenFeature.getClient('orleansconfig-ofrep-js');

  const results = [];
  for (const c of cases) {
    const evaluate = detailsOf[c.type];
    if (!evaluate) {
      throw new Error(`case type ${c.type} is not boolean, string, number or object`);
    }
    const details = await evaluate(client, c);
    results.push({
      flag: c.flag,
      type: c.type,
      value: details.value,
      valueType: typeof details.value,
      variant: details.variant ?? null,
      reason: details.reason ?? null,
      errorCode: details.errorCode ?? null,
      errorMessage: details.errorMessage ?? null,
      flagMetadata: details.flagMetadata ?? {},
    });
  }

  await OpenFeature.close();
  process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
