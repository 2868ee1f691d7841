import assert from 'node:assert/strict';
import { UskInsertUri } from '../../../../../protocol/keys/index.js';
import { Client } from '../../../../../node/client/client.js';
import { SystemClock, silentLogger } from '../../../../../node/components.js';
import type { NodeStatus } from '../../../../../node/app/api/status.js';
import { CONTENT_SECURITY_POLICY } from '../../../../../node/app/gateway/content-policy.js';
import { DASHBOARD_POLICY, type DashboardView } from '../../../../../node/app/gateway/dashboard.js';
import { GatewayServer, type GatewayServerInit } from '../../../../../node/app/gateway/server.js';
import { useTeardown } from '../../../../support/teardown.js';
import { eventually } from '../../../../support/until.js';
import { type Answer, call, MemoryNetworkNode } from '../api/support.js';

const encoder = new TextEncoder();
const PNG = new Uint8Array(300).map((_, index) => index % 251);

const SITE = [
  {
    path: 'index.html',
    source: encoder.encode(
      '<html><head><link rel=stylesheet href="style.css"><script>alert(1)</script></head>' +
        '<body><h1 onclick="x()">Home</h1><img src="img.png"><img src="http://evil.example/t.png"><a href="sub/">sub</a></body></html>',
    ),
  },
  { path: 'style.css', source: encoder.encode('@import "http://evil.example/a.css"; body{background:url(img.png)} p{background:url(//evil.example/b)}') },
  { path: 'img.png', source: PNG },
  { path: 'sub/notes.txt', source: encoder.encode('plain notes') },
  { path: 'sub/drawing.svg', source: encoder.encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
];

/** A network of one store whose requests wait while `held` is set. */
class HeldNode extends MemoryNetworkNode {
  held: Promise<void> | undefined;
  override async request(routingKey: Uint8Array): Promise<Uint8Array> {
    await this.held;
    return super.request(routingKey);
  }
}

describe('node/app/gateway/server', () => {
  const defer = useTeardown();

  async function gatewayOver(
    node: MemoryNetworkNode,
    init: GatewayServerInit = {},
  ): Promise<{ port: number; get: (path: string, headers?: Record<string, string>) => Promise<Answer> }> {
    const gateway = new GatewayServer({ operations: node, clock: new SystemClock(), logger: silentLogger }, { port: 0, ...init });
    await gateway.start();
    defer(() => gateway.stop());
    return { port: gateway.port, get: (path, headers = {}) => call(gateway.port, 'GET', path, headers) };
  }

  async function site(node: MemoryNetworkNode): Promise<string> {
    return `/${(await new Client({ node }).insertDirectory(SITE)).toString()}`;
  }

  it('serves a site: index.html filtered, stylesheets filtered, images as they are, with a strict policy on every answer', async () => {
    const node = new MemoryNetworkNode();
    const root = await site(node);
    const { get } = await gatewayOver(node);
    const redirect = await get(root);
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, `${root}/`);

    const index = await get(`${root}/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(index.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(index.headers['referrer-policy'], 'no-referrer');
    const page = index.body.toString();
    assert.ok(page.includes(`<link rel="stylesheet" href="${root}/style.css">`), page);
    assert.ok(page.includes(`<h1>Home</h1><img src="${root}/img.png"><img><a href="${root}/sub/">sub</a>`), page);
    assert.ok(!page.includes('script') && !page.includes('evil.example'), page);

    const css = await get(`${root}/style.css`);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(css.body.toString(), `body{background:url(${root}/img.png)}p{}`);

    const image = await get(`${root}/img.png`);
    assert.equal(image.headers['content-type'], 'image/png');
    assert.equal(image.headers['content-disposition'], undefined);
    assert.deepEqual(new Uint8Array(image.body), PNG);
    const range = await get(`${root}/img.png`, { range: 'bytes=10-19' });
    assert.equal(range.status, 206);
    assert.equal(range.headers['content-range'], `bytes 10-19/${PNG.length}`);
    assert.deepEqual(new Uint8Array(range.body), PNG.subarray(10, 20));
  });

  it('lists a directory without index.html, serves text inline and what it cannot vouch for as a download', async () => {
    const node = new MemoryNetworkNode();
    const root = await site(node);
    const { get } = await gatewayOver(node);
    const listing = await get(`${root}/sub/`);
    assert.equal(listing.status, 200);
    assert.match(listing.body.toString(), /<a href="drawing\.svg">drawing\.svg<\/a> <small>image\/svg\+xml, \d+ bytes/);
    assert.match(listing.body.toString(), /<a href="notes\.txt">notes\.txt<\/a>/);
    const notes = await get(`${root}/sub/notes.txt`);
    assert.equal(notes.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(notes.body.toString(), 'plain notes');
    const svg = await get(`${root}/sub/drawing.svg`);
    assert.equal(svg.headers['content-disposition'], "attachment; filename*=UTF-8''drawing.svg");
    assert.equal(svg.headers['x-content-type-options'], 'nosniff');
  });

  it('streams a file too large to hold (never rendered: a download), with ranges', async () => {
    const node = new MemoryNetworkNode();
    const html = encoder.encode(`<p>${'x'.repeat(5000)}</p><script>alert(1)</script>`);
    const uri = `/${(await new Client({ node }).insertFile(html, { name: 'big.html' })).toString()}`;
    const { get } = await gatewayOver(node, { maxBufferedBytes: 1000 });
    const whole = await get(uri);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers['content-type'], 'application/octet-stream');
    assert.equal(whole.headers['content-disposition'], "attachment; filename*=UTF-8''big.html");
    assert.deepEqual(new Uint8Array(whole.body), html);
    const tail = await get(uri, { range: 'bytes=-9' });
    assert.equal(tail.status, 206);
    assert.equal(tail.body.toString(), '</script>');
  });

  it('notes which USK edition it served, with a link to look for a newer one', async () => {
    const node = new MemoryNetworkNode();
    const client = new Client({ node });
    const insertUri = new UskInsertUri(new Uint8Array(32).fill(5), 'site', 0);
    const first = await client.insertDirectory(SITE.slice(0, 3));
    const second = await client.insertDirectory([{ path: 'index.html', source: encoder.encode('<p>second</p>') }]);
    await client.publish(insertUri, first);
    const published = await client.publish(insertUri, second);
    assert.equal(published.kind, 'USK');
    const { get } = await gatewayOver(node);
    const asked = `/${published.toString().replace('/site/1', '/site/0')}/`;
    const page = await get(asked);
    assert.equal(page.status, 200);
    assert.equal(page.headers['x-warren-edition'], '1');
    const body = page.body.toString();
    assert.ok(body.includes('edition 1 of this USK (asked from edition 0)'), body);
    assert.ok(body.includes(`href="/${published.toString().replace('/site/1', '/site/2')}/index.html"`), body);
    assert.ok(body.includes('<p>second</p>'));
  });

  it('shows a progress page while a fetch takes longer than it waits, then the content', async () => {
    const node = new HeldNode();
    const uri = `/${(await new Client({ node }).insertFile(encoder.encode('hello'), { name: 'a.txt' })).toString()}`;
    let release = (): void => undefined;
    node.held = new Promise((resolve) => (release = resolve));
    const { get } = await gatewayOver(node, { progressAfterMs: 20 });
    const progress = await get(uri, { 'sec-fetch-dest': 'document' });
    assert.equal(progress.status, 200);
    assert.match(progress.body.toString(), /<meta http-equiv="refresh" content="1">.*Still fetching/s);
    // A resource a page loads (not a page opened) waits for its content instead.
    const image = get(uri, { 'sec-fetch-dest': 'image' });
    release();
    assert.equal((await image).body.toString(), 'hello');
    const done = await eventually('the fetch to finish', async () => {
      const answer = await get(uri, { accept: 'text/html' });
      return answer.body.toString() === 'hello' ? answer : undefined;
    });
    assert.equal(done.headers['content-type'], 'text/plain; charset=utf-8');
  });

  it('answers each failure class with a page of its own', async () => {
    const node = new MemoryNetworkNode();
    const root = await site(node);
    const { get } = await gatewayOver(node);
    const missing = await get(`${root}/nothing.html`);
    assert.equal(missing.status, 404);
    assert.match(missing.body.toString(), /<h1>Not found<\/h1>/);
    assert.equal(missing.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    const invalid = await get('/CHK@nonsense');
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.toString(), /<h1>Invalid key or path<\/h1>.*ERR_INVALID_URI/s);
    const unknown = await get('/admin');
    assert.equal(unknown.status, 404);
    const gone = await get(`/${(await new Client({ node: new MemoryNetworkNode() }).insertFile(encoder.encode('elsewhere'))).toString()}`);
    assert.equal(gone.status, 404);
  });

  it('shows the dashboard at / with its own script only, and its figures as JSON, written as text', async () => {
    const node = new MemoryNetworkNode();
    const counts = { started: 3, succeeded: 2, failed: 1, active: 0, failures: {} };
    const status: NodeStatus = {
      identity: { publicKey: 'ab'.repeat(32), location: 0.25, powDifficulty: 24 },
      addresses: ['/ip4/127.0.0.1/tcp/7400'],
      uptimeSeconds: 61,
      peers: [
        {
          id: 'cd'.repeat(32),
          location: 0.5,
          address: '<script>alert(1)</script>',
          uptimeSeconds: 30,
          backoffMs: 1500,
          inFlight: 0,
          stats: { requestsSent: 0, insertBlocksSent: 0, successes: 0, timeouts: 0, overloads: 0, invalidBlocks: 0 },
        },
      ],
      store: {
        store: { blocks: 2, bytes: 65_536, budgetBytes: 1024 * 1024 },
        cache: { blocks: 0, bytes: 0, budgetBytes: 1024 * 1024 },
        corruptRemoved: 0,
      },
      requests: { requests: counts, inserts: { ...counts, started: 7 } },
      activeTransactions: 0,
    };
    const transfer = { id: 't', kind: 'insert' as const, name: 'a.txt', blocksDone: 1, blocksTotal: 4, bytesDone: 10, bytesTotal: 40, elapsedMs: 2000 };
    const gateway = new GatewayServer(
      { operations: node, clock: new SystemClock(), logger: silentLogger, dashboard: () => ({ status, transfers: [transfer] }) },
      { port: 0 },
    );
    await gateway.start();
    defer(() => gateway.stop());
    const get = (path: string): Promise<Answer> => call(gateway.port, 'GET', path);
    const dashboard = await get('/');
    assert.equal(dashboard.headers['content-security-policy'], DASHBOARD_POLICY);
    const html = dashboard.body.toString();
    assert.ok(html.includes(`<td id="node-key">${'ab'.repeat(32)}</td>`), html);
    assert.ok(html.includes('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>'), html);
    assert.ok(html.includes('<td>insert (API)</td><td>a.txt</td><td>1 of 4 blocks</td><td>2 s</td>'), html);
    assert.ok(html.includes('<script src="/dashboard.js" defer></script>'));
    const view = JSON.parse((await get('/dashboard.json')).body.toString()) as DashboardView;
    assert.equal(view.counters.inserts, '7 started, 2 succeeded, 1 failed, 0 active');
    assert.equal(view.store.store, '0.1 of 1 MiB (6.3 %), 2 blocks');
    assert.equal(view.peers[0]?.backoff, '2 s');
    const script = await get('/dashboard.js');
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.ok(!script.body.toString().includes('innerHTML'));
    // A gateway without a dashboard has a plain home page and no figures.
    const { get: plain } = await gatewayOver(node);
    assert.equal((await plain('/dashboard.json')).status, 404);
  });

  it('has a home page, an open-a-key redirect and a leaving page that never follows the link itself', async () => {
    const node = new MemoryNetworkNode();
    const root = await site(node);
    const { get } = await gatewayOver(node);
    assert.match((await get('/')).body.toString(), /<form action="\/open" method="get">/);
    const open = await get(`/open?key=${encodeURIComponent(root.slice(1))}`);
    assert.equal(open.status, 303);
    assert.equal(open.headers.location, root);
    const leaving = await get('/leaving?url=https%3A%2F%2Fexample.org%2F%22%3E%3Cscript%3E');
    assert.equal(leaving.status, 200);
    assert.ok(leaving.body.toString().includes('<a href="https://example.org/&quot;&gt;&lt;script&gt;" rel="noreferrer">'));
  });

  it('refuses other host names (DNS rebinding), every method but GET and HEAD, and loads by pages of other sites', async () => {
    const node = new MemoryNetworkNode();
    const root = await site(node);
    const { port, get } = await gatewayOver(node);
    assert.equal((await get(`${root}/`, { host: 'evil.example' })).status, 403);
    assert.equal((await get(`${root}/`, { host: `evil.example:${port}` })).status, 403);
    assert.equal((await get(`${root}/`, { host: `localhost:${port}` })).status, 200);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await call(
        port,
        method,
        `${root}/`,
        { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3' },
        encoder.encode('a=b'),
      );
      assert.equal(answer.status, 405, method);
    }
    const head = await call(port, 'HEAD', `${root}/img.png`);
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal((await get(`${root}/img.png`, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' })).status, 403);
    assert.equal((await get(`${root}/`, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).status, 200);
    assert.equal((await get(`${root}/img.png`, { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'image' })).status, 200);
  });
});
