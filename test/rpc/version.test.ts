// The sidecar reports the package's version (sidecar.json, session/initialize, --version).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SIDECAR_VERSION } from '../../sidecar/src/rpc/index';

it('SIDECAR_VERSION equals package.json version', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  expect(SIDECAR_VERSION).toBe(pkg.version);
});
