import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../node/app/cli/main.ts', import.meta.url));

/** Longest one command may run: a hang guard (each starts a TypeScript loader, slow on a loaded machine). */
const COMMAND_GUARD_MS = 120_000;

function warren(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8', timeout: COMMAND_GUARD_MS });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('warren command line', function () {
  // Two commands a test at most; nothing here depends on how long they take.
  this.timeout(2 * COMMAND_GUARD_MS + 10_000);

  it('keygen --json prints an insert and a request URI that belong together', () => {
    const result = warren('keygen', '--name', 'blog', '--json');
    assert.equal(result.status, 0, result.stderr);
    const keys = JSON.parse(result.stdout) as { insertUri: string; requestUri: string };
    assert.match(keys.insertUri, /^USK-INSERT@\w{44},1\/blog\/0$/);
    assert.match(keys.requestUri, /^USK@\w{44},\w{44},1\/blog\/0$/);
    const described = warren('uri', keys.insertUri, '--json');
    assert.equal(JSON.parse(described.stdout).requestUri, keys.requestUri);
  });

  it('explains a bad URI on stderr and exits with 2', () => {
    const result = warren('uri', 'CHK@abc');
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^warren: invalid CHK URI: expected 3 comma-separated key fields/);
  });

  it('says a usage error in one line beginning warren:, and an error as JSON under --json', () => {
    const missing = warren('get');
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "warren: missing required argument 'uri'\n");
    const unknown = warren('ls', '--frobnicate');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^warren: unknown option '--frobnicate'\n$/);
    const bad = warren('cat', 'CHK@abc', '--data-dir', '/nonexistent');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^warren: invalid CHK URI: /);
    const json = warren('ls', 'CHK@abc', '--json');
    assert.equal(json.status, 2);
    const { error } = JSON.parse(json.stderr) as { error: { code: string; message: string } };
    assert.equal(error.code, 'ERR_INVALID_URI');
    assert.match(error.message, /^invalid CHK URI: /);
  });

  it('exits with 2 on an unknown command and 0 on --version', () => {
    assert.equal(warren('frobnicate').status, 2);
    const version = warren('--version');
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
