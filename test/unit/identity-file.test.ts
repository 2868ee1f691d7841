import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../protocol/bytes.js';
import { InvalidIdentityError } from '../../protocol/errors.js';
import { decodeIdentityFile } from '../../protocol/identity-file.js';

interface InvalidFile {
  name: string;
  file: string;
  error: string;
  code: string;
}

const vectors = JSON.parse(readFileSync(new URL('../../spec/vectors/identity-files-invalid.json', import.meta.url), 'utf8')) as {
  valid: string;
  invalid: InvalidFile[];
};

describe('spec/vectors/identity-files-invalid.json', () => {
  const seed = toHex(decodeIdentityFile(fromHex(vectors.valid)).keyPair.seed);

  for (const vector of vectors.invalid) {
    it(`refuses: ${vector.name}`, () => {
      assert.throws(
        () => decodeIdentityFile(fromHex(vector.file)),
        (error: unknown) => {
          assert.ok(error instanceof InvalidIdentityError, String(error));
          assert.deepEqual([error.name, error.code], [vector.error, vector.code]);
          assert.ok(!error.message.includes(seed), 'the message does not quote the seed');
          return true;
        },
      );
    });
  }
});
