// Stands in for `@napi-rs/keyring` inside the single executable (scripts/release.mjs aliases it): the
// package's index.js would require its per-platform addon from node_modules, which a release has not.
// The release ships that addon beside the executable as keyring.node; a SEA's own require() loads
// built-ins only, so it is loaded through a require created for the executable's path. A failure
// surfaces as "keychain unavailable" with this message (sidecar/src/credentials/keychain.ts).
'use strict';
const { createRequire } = require('node:module');
const path = require('node:path');

const file = path.join(path.dirname(process.execPath), 'keyring.node');
try {
  module.exports = createRequire(process.execPath)(file);
} catch (err) {
  throw new Error(`the keychain addon ${file} could not be loaded (${err.message}): reinstall the release, keeping keyring.node beside the executable`);
}
