// Stands in for the `bindings` package inside the single executable (scripts/release.mjs aliases it):
// better-sqlite3 asks `bindings('better_sqlite3.node')` for its addon, and the release ships that
// file beside the executable. A SEA's own require() loads built-ins only, so the addon is loaded
// through a require created for the executable's path.
'use strict';
const { createRequire } = require('node:module');
const path = require('node:path');

module.exports = function bindings(name) {
  const file = path.join(path.dirname(process.execPath), name.endsWith('.node') ? name : `${name}.node`);
  try {
    return createRequire(process.execPath)(file);
  } catch (err) {
    throw new Error(`The SQLite addon ${file} could not be loaded (${err.message}): reinstall the release, keeping ${path.basename(file)} beside the executable.`);
  }
};
