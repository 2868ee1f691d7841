/**
 * The dashboard at `/` (spec/gateway.md §6): the node at a glance, kept live by a small same-origin
 * script that asks `/dashboard.json` every 2 s and writes the answers in as text (never as HTML).
 *
 *   GET /                ──dashboardPage(view)──> the page, filled in on the server (readable without the script)
 *   GET /dashboard.json  ──DashboardView──> the same figures, for the script
 *   GET /dashboard.js    ──DASHBOARD_SCRIPT──> the script: fetch, then textContent and new table rows
 *
 * The page alone may run a script, only its own (`DASHBOARD_POLICY`); content pages never run any.
 */
import type { NodeStatus } from '../api/status.js';
import type { TransferStatus } from '../api/transfers.js';
import { escapeHtml, page } from './pages.js';

/** What the daemon hands the gateway for its dashboard. */
export type DashboardSource = () => { readonly status: NodeStatus; readonly transfers: readonly TransferStatus[] };

export interface DashboardTransfer {
  readonly kind: string;
  readonly name: string;
  readonly blocksDone: number;
  readonly blocksTotal: number;
  readonly seconds: number;
}

export interface DashboardView {
  readonly node: { readonly publicKey: string; readonly location: string; readonly addresses: string; readonly uptime: string };
  readonly peers: ReadonlyArray<{
    readonly id: string;
    readonly location: string;
    readonly address: string;
    readonly uptime: string;
    readonly backoff: string;
  }>;
  readonly store: { readonly store: string; readonly cache: string };
  readonly transfers: readonly DashboardTransfer[];
  readonly counters: { readonly requests: string; readonly inserts: string };
}

export const DASHBOARD_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const MiB = 1024 * 1024;
function fill({ bytes, budgetBytes, blocks }: { bytes: number; budgetBytes: number; blocks: number }): string {
  const percent = budgetBytes === 0 ? 0 : ((100 * bytes) / budgetBytes).toFixed(1);
  return `${(bytes / MiB).toFixed(1)} of ${(budgetBytes / MiB).toFixed(0)} MiB (${percent} %), ${blocks} blocks`;
}
const counts = (c: { started: number; succeeded: number; failed: number; active: number }): string =>
  `${c.started} started, ${c.succeeded} succeeded, ${c.failed} failed, ${c.active} active`;

export function dashboardView(source: ReturnType<DashboardSource>, gatewayFetches: readonly DashboardTransfer[]): DashboardView {
  const { status, transfers } = source;
  return {
    node: {
      publicKey: status.identity.publicKey,
      location: status.identity.location.toFixed(6),
      addresses: status.addresses.join(' ') || '(not listening)',
      uptime: `${status.uptimeSeconds} s`,
    },
    peers: status.peers.map((peer) => ({
      id: `${peer.id.slice(0, 16)}…`,
      location: peer.location.toFixed(6),
      address: peer.address ?? '',
      uptime: `${peer.uptimeSeconds} s`,
      backoff: peer.backoffMs === 0 ? '—' : `${Math.ceil(peer.backoffMs / 1000)} s`,
    })),
    store: { store: fill(status.store.store), cache: fill(status.store.cache) },
    transfers: [
      ...transfers.map((transfer) => ({
        kind: transfer.kind === 'insert' ? 'insert (API)' : 'fetch (API)',
        name: transfer.name,
        blocksDone: transfer.blocksDone,
        blocksTotal: transfer.blocksTotal,
        seconds: Math.round(transfer.elapsedMs / 1000),
      })),
      ...gatewayFetches,
    ],
    counters: { requests: counts(status.requests.requests), inserts: counts(status.requests.inserts) },
  };
}

const row = (cells: readonly string[]): string => `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
const transferCells = (transfer: DashboardTransfer): string[] => [
  transfer.kind,
  transfer.name,
  `${transfer.blocksDone} of ${transfer.blocksTotal || '?'} blocks`,
  `${transfer.seconds} s`,
];

export function dashboardPage(view: DashboardView, openForm: string): string {
  const field = (id: string, label: string, value: string): string => `<tr><th>${label}</th><td id="${id}">${escapeHtml(value)}</td></tr>`;
  return page(
    'Dashboard',
    `<h1>Warren node</h1><p id="live">not live (the page updates itself every 2 s while its script runs)</p>${openForm}` +
      '<p>Uploads: use <code>warren put</code> (the gateway is read-only).</p><table>' +
      field('node-key', 'node', view.node.publicKey) +
      field('node-location', 'location', view.node.location) +
      field('node-addresses', 'addresses', view.node.addresses) +
      field('node-uptime', 'uptime', view.node.uptime) +
      field('store-store', 'store', view.store.store) +
      field('store-cache', 'cache', view.store.cache) +
      field('counter-requests', 'requests', view.counters.requests) +
      field('counter-inserts', 'inserts', view.counters.inserts) +
      `</table><h2>Peers (<span id="peer-count">${view.peers.length}</span>)</h2>` +
      '<table><thead><tr><th>peer</th><th>location</th><th>address</th><th>uptime</th><th>backoff</th></tr></thead>' +
      `<tbody id="peers">${view.peers.map((peer) => row([peer.id, peer.location, peer.address, peer.uptime, peer.backoff])).join('')}</tbody></table>` +
      '<h2>Transfers in flight</h2><table><thead><tr><th>kind</th><th>what</th><th>progress</th><th>time</th></tr></thead>' +
      `<tbody id="transfers">${view.transfers.map((transfer) => row(transferCells(transfer))).join('')}</tbody></table>`,
    '<script src="/dashboard.js" defer></script>',
  );
}

/** The dashboard's script: plain JavaScript, no library; it writes text only. */
export const DASHBOARD_SCRIPT = `'use strict';
const text = (id, value) => { document.getElementById(id).textContent = value; };
const rows = (id, list) => {
  const body = document.getElementById(id);
  body.replaceChildren(...list.map((cells) => {
    const tr = document.createElement('tr');
    for (const cell of cells) { const td = document.createElement('td'); td.textContent = String(cell); tr.append(td); }
    return tr;
  }));
};
async function refresh() {
  try {
    const answer = await fetch('/dashboard.json', { cache: 'no-store' });
    if (!answer.ok) throw new Error(String(answer.status));
    const view = await answer.json();
    text('node-key', view.node.publicKey);
    text('node-location', view.node.location);
    text('node-addresses', view.node.addresses);
    text('node-uptime', view.node.uptime);
    text('store-store', view.store.store);
    text('store-cache', view.store.cache);
    text('counter-requests', view.counters.requests);
    text('counter-inserts', view.counters.inserts);
    text('peer-count', String(view.peers.length));
    rows('peers', view.peers.map((p) => [p.id, p.location, p.address, p.uptime, p.backoff]));
    rows('transfers', view.transfers.map((t) => [t.kind, t.name, t.blocksDone + ' of ' + (t.blocksTotal || '?') + ' blocks', t.seconds + ' s']));
    text('live', 'live: updated ' + new Date().toLocaleTimeString());
  } catch (error) {
    text('live', 'the node does not answer (' + error.message + '); trying again');
  }
  setTimeout(refresh, 2000);
}
refresh();
`;
