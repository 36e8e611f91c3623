// The app package as the tests build it: manifest/ with fixed environment values.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildAppPackage, readAppPackage, type PackageFiles } from '../../src/manifest/package';

export const MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');
export const VARS = {
  TEAMS_APP_ID: '3f1c9a52-7d4e-4b8a-9c1e-2a6b5d8e0f17',
  BOT_ID: '8e2d4c61-5b3a-4f9e-a7d2-1c0b9e8f6a53',
  BOT_DOMAIN: 'sundhedsaftale-bot.example.org',
};

/** The package built from manifest/ and read back as Teams reads an upload. */
export function built(): PackageFiles {
  const result = buildAppPackage(MANIFEST_DIR, VARS);
  assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
  return readAppPackage(result.zip);
}
