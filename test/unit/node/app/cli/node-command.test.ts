import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { logDestination } from '../../../../../node/app/cli/node-command.js';

/** One log line written through `logDestination(terminal)` into a file, as the file holds it. */
function logged(terminal: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'warren-log-'));
  try {
    const fd = openSync(join(dir, 'log'), 'w');
    pino({ level: 'info' }, logDestination(terminal, fd)).info({ component: 'peers', peers: 2 }, 'peer connected');
    closeSync(fd);
    return readFileSync(join(dir, 'log'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('node/app/cli/node-command', () => {
  it('logs JSON lines when stderr is not a terminal', () => {
    const line = JSON.parse(logged(false)) as { msg: string; peers: number; level: number };
    assert.equal(line.msg, 'peer connected');
    assert.equal(line.peers, 2);
    assert.equal(line.level, 30);
  });

  it('logs lines a person reads on a terminal: time, level, message, then the fields', () => {
    const text = logged(true);
    assert.ok(!text.startsWith('{'), text);
    assert.match(text, /^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: .*peer connected/);
    assert.match(text, /component: "peers"/);
    assert.match(text, /peers: 2/);
  });
});
