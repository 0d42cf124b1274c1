// Installs the pinned npm packages of the differential test (`npm ci`),
// unless the pinned cedar-wasm is already installed (so the test also runs
// offline once installed). Usage: node ensure-deps.js [NPM]
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const dir = __dirname;
const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
const want = lock.packages['node_modules/@cedar-policy/cedar-wasm'].version;
const installed = path.join(dir, 'node_modules', '@cedar-policy', 'cedar-wasm', 'package.json');
if (fs.existsSync(installed) && JSON.parse(fs.readFileSync(installed, 'utf8')).version === want) {
  console.log(`@cedar-policy/cedar-wasm ${want} already installed`);
  process.exit(0);
}
const npm = process.argv[2] || 'npm';
const r = spawnSync(npm, ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
