'use strict';
// Loads a flagd file with @openfeature/flagd-core, validating it against the flagd schemas as flagd's
// strict mode does, and prints the keys of its flags as a JSON array. Exits non-zero when it is rejected.
// Usage: node load.js FILE

const fs = require('fs');
const { FlagdCore } = require('@openfeature/flagd-core');

const SILENT = { error() {}, warn() {}, info() {}, debug() {} };

const core = new FlagdCore(undefined, SILENT);
core.setConfigurations(fs.readFileSync(process.argv[2], 'utf8'), true);
process.stdout.write(JSON.stringify([...core.getFlags().keys()]));
