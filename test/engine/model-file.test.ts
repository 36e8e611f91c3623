// The model file's layout (src/engine/model-file.ts): a small JSON header and the weights as raw
// typed arrays, which the engine uses in place. The engine's numbers are what training.test.ts and
// who-decides.test.ts check; here: the bytes, and what a reader makes of a file of another layout.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { MODEL_FILE, deserialize, readModelFile, serialize } from '../../src/engine/model-file';

describe('the model file layout', function () {
  this.timeout(60_000);
  let bytes: Buffer;
  let file: ReturnType<typeof deserialize>;
  // Read in a hook, not while mocha loads the files: a missing build fails this suite, not the run.
  before(() => {
    bytes = readFileSync(MODEL_FILE);
    file = deserialize(bytes);
  });

  it('is written byte for byte the same from the engine it was read into', () => {
    assert.ok(serialize(file).equals(bytes));
  });

  it('gives the weights as views on the one buffer read, not copies', () => {
    const m = file.classifier.model;
    const buffers = new Set([m.w.buffer, m.cls.buffer, m.start.buffer, file.classifier.roles.w.buffer]);
    assert.equal(buffers.size, 1);
    assert.equal(file.classifier.vectorizer.idf.buffer, m.w.buffer);
  });

  it('reads an older layout, or no file, as none (stale: trained and written again), a cut file as an error', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'model-file-'));
    try {
      const older = join(dir, 'older.bin');
      writeFileSync(older, JSON.stringify({ format: 1, inputs: file.inputs }));
      assert.equal(readModelFile(older), undefined);
      assert.equal(readModelFile(join(dir, 'none.bin')), undefined);
      const cut = join(dir, 'cut.bin');
      writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
      assert.throws(() => readModelFile(cut), /model file: truncated/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies a buffer that is not 8-aligned once, and reads the same engine from it', () => {
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    const again = deserialize(shifted.subarray(1));
    assert.ok(serialize(again).equals(bytes));
  });
});
