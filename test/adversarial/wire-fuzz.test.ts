/**
 * The wire fuzzer (test/support/wire-fuzzer.ts) against a live node process on loopback: mutated
 * frames of every message type, well-formed and corrupted. The node must neither crash nor hang,
 * must keep answering an honest peer, and must stay within its memory bound. A crashing or hanging
 * input is written to test/adversarial/regressions/, and every file there is replayed on each run.
 * bench/attacks.ts runs the long campaign (a million frames).
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { toHex } from '../../protocol/bytes.js';
import { hash } from '../../protocol/crypto.js';
import { type Finding, fuzzFreshNode, type FuzzReport } from '../support/wire-fuzzer.js';
import { MESSAGE_TYPES } from '../support/wire-mutations.js';

const REGRESSIONS = new URL('./regressions/', import.meta.url);
/** The target's resident set may not grow past this while it is fuzzed (it idles near 100 MiB). */
const RSS_BOUND_BYTES = 400 * 1024 * 1024;

async function saveFindings(findings: readonly Finding[]): Promise<string[]> {
  await mkdir(REGRESSIONS, { recursive: true });
  const names: string[] = [];
  for (const finding of findings) {
    const name = `${finding.kind}-${toHex(hash('warren/test/fuzz-finding', new TextEncoder().encode(finding.frames.join()))).slice(0, 16)}.json`;
    await writeFile(new URL(name, REGRESSIONS), `${JSON.stringify(finding, null, 2)}\n`);
    names.push(name);
  }
  return names;
}

function assertHealthy(report: FuzzReport): void {
  assert.equal(report.probeFailures, 0, `${report.probeFailures} of ${report.probes} honest probes failed`);
  assert.ok(report.probes > 0, 'the honest peer was never heard');
  assert.ok(report.maxRssBytes < RSS_BOUND_BYTES, `target RSS reached ${(report.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
}

describe('adversarial: wire fuzzer against a live node', function () {
  this.timeout(300_000);

  it('survives mutated frames of every message type: no crash, no hang, honest peer served, memory bounded', async () => {
    const report = await fuzzFreshNode({ seed: 'warren/test/wire-fuzz', frames: 20_000, corruptShare: 0.01 });
    const saved = await saveFindings(report.findings);
    assert.deepEqual(
      report.findings.map((finding) => `${finding.kind}: ${finding.what}`),
      [],
      `saved as regression inputs: ${saved.join(', ')}`,
    );
    assert.equal(report.frames, 20_000);
    for (const type of MESSAGE_TYPES) assert.ok((report.byType.get(type) ?? 0) >= 100, `only ${report.byType.get(type) ?? 0} ${type} frames`);
    assert.ok(report.corrupted >= 100 && report.linksClosed > 0, `${report.corrupted} corrupted frames, ${report.linksClosed} links closed`);
    assertHealthy(report);
  });

  it('replays every saved crashing or hanging input without a crash or a hang', async () => {
    const files = (await readdir(REGRESSIONS).catch(() => [])).filter((name) => name.endsWith('.json'));
    for (const name of files) {
      const saved = JSON.parse(await readFile(new URL(name, REGRESSIONS), 'utf8')) as Finding;
      const report = await fuzzFreshNode({ seed: name, frames: saved.frames.length, corruptShare: 0, replay: saved.frames });
      assert.deepEqual(
        report.findings.map((finding) => finding.kind),
        [],
        name,
      );
      assertHealthy(report);
    }
  });
});
