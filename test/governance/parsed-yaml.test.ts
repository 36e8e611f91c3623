// The build stores each governance file's parse as JSON; the loader must use it only for the very
// text it was made from, and the model loaded through it must equal the one parsed from the YAML.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR, loadGovernanceModel } from '../../src/governance/load';
import { parseGovernanceYaml, storeParsedYaml } from '../../src/governance/parsed-yaml';

describe('governance YAML stored parsed by the build', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parsed-yaml-'));
    cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the same model from the stored parse as from the YAML', () => {
    const fromYaml = loadGovernanceModel(dir);
    assert.equal(storeParsedYaml(dir), 5);
    const fromJson = loadGovernanceModel(dir);
    assert.deepEqual(fromJson.periods, fromYaml.periods);
  });

  it('uses the stored parse only for the text it was made from', () => {
    writeFileSync(join(dir, 'a.yaml'), 'key: original\n');
    storeParsedYaml(dir);
    const stored = join(dir, '.parsed', 'a.yaml.json');
    // A stored parse that says something else is used while the text is the same ...
    const record = JSON.parse(readFileSync(stored, 'utf8')) as { sha256: string; data: unknown };
    writeFileSync(stored, JSON.stringify({ ...record, data: { key: 'from the store' } }));
    assert.deepEqual(parseGovernanceYaml(dir, 'a.yaml', 'key: original\n'), { key: 'from the store' });
    // ... and ignored once the YAML has changed since the build, or when it cannot be read.
    assert.deepEqual(parseGovernanceYaml(dir, 'a.yaml', 'key: edited\n'), { key: 'edited' });
    writeFileSync(stored, '{ not json');
    assert.deepEqual(parseGovernanceYaml(dir, 'a.yaml', 'key: original\n'), { key: 'original' });
  });
});
