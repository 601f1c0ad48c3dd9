// Optional packages the release does not ship (ws's native helpers bufferutil and utf-8-validate,
// debug's supports-color): their users load them in a try and do without. Throwing here keeps the
// SEA's require() away from them (it would print a warning on every start).
'use strict';
throw new Error('not shipped in the release');
