// The generated contract files are committed; this fails when protocol/src changed without `npm run gen`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../scripts/gen-contract';

const root = resolve(__dirname, '..', '..');

describe('generated contract files', () => {
  for (const [rel, expected] of Object.entries(generatedFiles())) {
    it(`${rel} is up to date (run npm run gen)`, () => {
      expect(readFileSync(resolve(root, rel), 'utf8')).toBe(expected);
    });
  }
});
