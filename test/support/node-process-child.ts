/**
 * A node in its own process for tests and benchmarks (forked by node-process.ts): a TcpTransport on loopback,
 * a Node and a MemoryBlockStore (test/support/flood-setup.ts), driven by the parent over IPC.
 *
 *   parent ──{type: 'start'}───────────────────> child ──{type: 'started', address}
 *          ──{type: 'dial', address}────────────>       ──{type: 'dialled'}
 *          ──{type: 'store', count}─────────────>       ──{type: 'stored', keys}   fresh blocks, hex keys
 *          ──{type: 'rss'}──────────────────────>       ──{type: 'rss', rss}       resident set, bytes
 *          ──{type: 'cpu'}──────────────────────>       ──{type: 'cpu', micros}    CPU, user + system
 *          ──{type: 'stop'}─────────────────────>       exits
 */
import '../../node/polyfills.js';
import { toHex } from '../../protocol/bytes.js';
import { type RealNode, startNode } from './flood-setup.js';
import { storeFreshBlocks } from './fresh-blocks.js';

export type ParentMessage =
  | { readonly type: 'start' }
  | { readonly type: 'dial'; readonly address: string }
  | { readonly type: 'store'; readonly count: number }
  | { readonly type: 'rss' }
  | { readonly type: 'cpu' }
  | { readonly type: 'stop' };

export type ChildMessage =
  | { readonly type: 'started'; readonly address: string }
  | { readonly type: 'rss'; readonly rss: number }
  | { readonly type: 'cpu'; readonly micros: number }
  | { readonly type: 'dialled' }
  | { readonly type: 'stored'; readonly keys: string[] };

let running: RealNode | undefined;
const reply = (message: ChildMessage) => process.send!(message);

process.on('message', async (message: ParentMessage) => {
  switch (message.type) {
    case 'start':
      running = await startNode();
      return reply({ type: 'started', address: running.transport.addresses[0]! });
    case 'dial':
      await running!.transport.dial(message.address);
      return reply({ type: 'dialled' });
    case 'store':
      return reply({ type: 'stored', keys: (await storeFreshBlocks(running!.store, message.count)).map(toHex) });
    case 'rss':
      return reply({ type: 'rss', rss: process.memoryUsage().rss });
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return reply({ type: 'cpu', micros: user + system });
    }
    case 'stop':
      await running?.node.stop();
      process.exit(0);
  }
});
