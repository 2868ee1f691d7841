/**
 * The web gateway (spec/gateway.md): a read-only HTTP server on 127.0.0.1 for a browser, serving
 * the network's sites and files filtered, so that no page can reach outside the network.
 *
 *   request ──admit──> Host is 127.0.0.1:port or localhost:port (DNS rebinding); GET or HEAD only;
 *                      a page of another site may navigate here but not load from here (Sec-Fetch-*)
 *           ──route──> /                 the dashboard (dashboard.ts; its own script only), or a home page
 *                      /dashboard.json   its figures; /dashboard.js its script
 *                      /open?key=URI     303 to /URI
 *                      /leaving?url=     the "you are leaving Warren" page
 *                      /CHK@…, /SSK@…, /USK@…[/path]
 *                        ──GatewayFetches.start──> job ──a page opened, not settled within progressAfterMs──> progress page
 *                        directory ──> its index.html, else a listing; file ──content-policy.treatmentOf──>
 *                        html-filter / css-filter / as it is (Range) / attachment; files past
 *                        maxBufferedBytes stream from the network (Range), never filtered: served as downloads
 *   every answer carries SECURITY_HEADERS (CSP, Referrer-Policy…); a failure is a page per class
 *
 * The gateway holds no API token and offers no way to insert, publish or change a setting.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRequestUri, type RequestUri } from '../../../protocol/keys/index.js';
import { Client, type ResolvedUri } from '../../client/client.js';
import type { Healer } from '../../client/healer.js';
import type { FileManifest } from '../../client/manifest.js';
import type { ClientNode } from '../../client/types.js';
import type { Clock, Logger } from '../../components.js';
import { NodeStoppedError } from '../../errors.js';
import { heldBack, sendStream, sliceFor, trimmed } from '../api/content-stream.js';
import { ClientGoneError, httpErrorOf } from '../api/errors.js';
import { closeServer, listenOn } from '../api/http.js';
import { discardRestOfBody } from '../api/linger.js';
import { parseRange } from '../api/range.js';
import { attachment, SECURITY_HEADERS, servedType, treatmentOf } from './content-policy.js';
import { filterStylesheet } from './css-filter.js';
import { DASHBOARD_POLICY, DASHBOARD_SCRIPT, type DashboardSource, dashboardPage, dashboardView } from './dashboard.js';
import { GatewayForbiddenError, GatewayMethodError, GatewayPathError } from './errors.js';
import { type FetchJob, GatewayFetches } from './fetches.js';
import { filterHtml } from './html-filter.js';
import { editionNotice, failurePage, type FetchProgressView, homePage, leavingPage, listingPage, OPEN_FORM, progressPage } from './pages.js';
import { LEAVING_PATH } from './urls.js';

export interface GatewayServerComponents {
  /** What the gateway fetches through (the daemon passes its counting operations). */
  readonly operations: ClientNode;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The node's status and transfers for the dashboard at `/`; without it `/` is a plain home page. */
  readonly dashboard?: DashboardSource;
  /** Inserts again what the gateway's fetches had to rebuild (spec/client.md §9.1); without it nothing is healed. */
  readonly healer?: Healer | undefined;
}

export interface GatewayServerInit {
  /** Port on 127.0.0.1; 0 picks a free one (see `port` once started). Default 7402. */
  readonly port?: number;
  /** A fetch not done by then gets the progress page. Default 1000 ms. */
  readonly progressAfterMs?: number;
  /** Fetches running at once. Default 16. */
  readonly maxFetches?: number;
  /** Largest file held in memory (and so filtered or sliced there). Default 16 MiB. */
  readonly maxBufferedBytes?: number;
}

export const GATEWAY_HOST = '127.0.0.1';
export const DEFAULT_GATEWAY_PORT = 7402;
const KEY_PATH = /^\/(?:CHK|SSK|USK)@/i;
const MiB = 1024 * 1024;
const utf8 = new TextDecoder();

interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | number>>;
  readonly body: string | Uint8Array;
}

export class GatewayServer {
  private readonly server: Server;
  private readonly requestedPort: number;
  private readonly progressAfterMs: number;
  private readonly maxBufferedBytes: number;
  private readonly client: Client;
  private readonly fetches: GatewayFetches;
  private readonly stopping = new AbortController();

  constructor(
    private readonly components: GatewayServerComponents,
    init: GatewayServerInit = {},
  ) {
    this.requestedPort = init.port ?? DEFAULT_GATEWAY_PORT;
    this.progressAfterMs = init.progressAfterMs ?? 1_000;
    this.maxBufferedBytes = init.maxBufferedBytes ?? 16 * MiB;
    this.client = new Client({ node: components.operations, healer: components.healer });
    const maxRunning = init.maxFetches ?? 16;
    this.fetches = new GatewayFetches(
      { client: this.client, clock: components.clock },
      { maxRunning, maxBufferedBytes: this.maxBufferedBytes, maxKeptBytes: 4 * this.maxBufferedBytes, keepMs: 60_000, maxKeptJobs: 8 * maxRunning },
    );
    this.server = createServer({ headersTimeout: 10_000 }, (request, response) => void this.handle(request, response));
  }

  /** The bound port (valid after `start`). */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://${GATEWAY_HOST}:${this.port}/`;
  }

  async start(): Promise<void> {
    await listenOn(this.server, this.requestedPort, GATEWAY_HOST);
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.stopping.abort(new NodeStoppedError());
    this.fetches.stop();
    await closeServer(this.server);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const abandoned = new AbortController();
    response.once('close', () => abandoned.abort(new ClientGoneError()));
    const signal = AbortSignal.any([this.stopping.signal, abandoned.signal]);
    const url = new URL(request.url ?? '/', `http://${GATEWAY_HOST}`);
    try {
      this.admit(request);
      await this.route(request, response, url, signal);
    } catch (error) {
      const failure = httpErrorOf(error);
      if (failure.status === 500) this.components.logger.warn({ err: error, url: request.url }, 'gateway request failed');
      if (response.headersSent) return void response.destroy();
      send(request, response, { status: failure.status, body: failurePage(failure, KEY_PATH.test(url.pathname) ? url.pathname.slice(1) : undefined) });
      // The gateway reads no body: one sent anyway is dropped before the connection is reused or closed.
      discardRestOfBody(request, this.components.clock);
    }
  }

  private admit(request: IncomingMessage): void {
    const host = request.headers.host;
    if (host !== `${GATEWAY_HOST}:${this.port}` && host !== `localhost:${this.port}`) {
      throw new GatewayForbiddenError(`the gateway answers only requests for ${GATEWAY_HOST}:${this.port} or localhost:${this.port}`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new GatewayMethodError(request.method ?? '');
    // Another site may send its reader here (a link), but not make the browser load from here behind the reader's back.
    const site = request.headers['sec-fetch-site'];
    if ((site === 'cross-site' || site === 'same-site') && request.headers['sec-fetch-dest'] !== 'document') {
      throw new GatewayForbiddenError('pages of other sites may not load from the gateway');
    }
  }

  private async route(request: IncomingMessage, response: ServerResponse, url: URL, signal: AbortSignal): Promise<void> {
    if (url.pathname === '/' || url.pathname.startsWith('/dashboard.')) return this.serveDashboard(request, response, url.pathname);
    if (url.pathname === '/open') {
      const uri = parseRequestUri(url.searchParams.get('key') ?? '');
      return send(request, response, { status: 303, headers: { location: `/${uri.toString()}` }, body: '' });
    }
    if (url.pathname === LEAVING_PATH) return send(request, response, { status: 200, body: leavingPage(url.searchParams.get('url') ?? '') });
    if (!KEY_PATH.test(url.pathname)) throw new GatewayPathError(`no page ${url.pathname}: open a key as /CHK@…, /SSK@…/name or /USK@…/name/N`);
    await this.serveKey(request, response, parseRequestUri(url.pathname.slice(1)), url.pathname, signal);
  }

  private serveDashboard(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    const source = this.components.dashboard;
    if (source === undefined) {
      if (pathname !== '/') throw new GatewayPathError(`no page ${pathname}: this gateway has no dashboard`);
      return send(request, response, { status: 200, body: homePage() });
    }
    if (pathname === '/dashboard.js') {
      return send(request, response, { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' }, body: DASHBOARD_SCRIPT });
    }
    const view = dashboardView(source(), this.fetches.running());
    if (pathname === '/dashboard.json') {
      return send(request, response, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(view) });
    }
    if (pathname !== '/') throw new GatewayPathError(`no page ${pathname}`);
    send(request, response, { status: 200, headers: { 'content-security-policy': DASHBOARD_POLICY }, body: dashboardPage(view, OPEN_FORM) });
  }

  private async serveKey(request: IncomingMessage, response: ServerResponse, uri: RequestUri, documentPath: string, signal: AbortSignal): Promise<void> {
    const job = await this.settled(uri, isNavigation(request));
    if (job.state === 'running') return send(request, response, { status: 200, body: progressPage(this.progressOf(job)) });
    const resolved = job.resolved!;
    if (resolved.kind === 'file') return this.serveFile(request, response, { job, resolved, documentPath }, signal);
    // Relative links in a directory's page resolve against its path: that path must end with "/".
    if (!documentPath.endsWith('/')) return send(request, response, { status: 301, headers: { location: `${documentPath}/` }, body: '' });
    const index = resolved.manifest.entries.find((entry) => entry.name === 'index.html' && entry.kind === 'file');
    if (index !== undefined) return this.serveKey(request, response, withPath(uri, 'index.html'), documentPath, signal);
    send(request, response, { status: 200, body: listingPage(uri.toString(), resolved.manifest.entries) });
  }

  /**
   * The job for `uri`, done, or (for a page the reader opened) still running after progressAfterMs;
   * its failure is thrown. An image or stylesheet waits for its content: a progress page is no image.
   */
  private async settled(uri: RequestUri, navigation: boolean): Promise<FetchJob> {
    const job = this.fetches.start(uri);
    if (navigation) await this.fetches.waitFor(job, this.progressAfterMs);
    else await job.settled;
    if (job.state === 'failed') {
      this.fetches.forget(job);
      throw job.error;
    }
    return job;
  }

  private progressOf(job: FetchJob): FetchProgressView {
    const seconds = (this.components.clock.now() - job.startedAt) / 1000;
    return { uri: job.uri.toString(), stage: job.stage, blocksFetched: job.blocksFetched, blocksExpected: job.blocksExpected, seconds };
  }

  private async serveFile(
    request: IncomingMessage,
    response: ServerResponse,
    file: { job: FetchJob; resolved: Extract<ResolvedUri, { kind: 'file' }>; documentPath: string },
    signal: AbortSignal,
  ): Promise<void> {
    const { job, resolved, documentPath } = file;
    const { manifest } = resolved;
    const edition = job.uri.kind === 'USK' && resolved.edition !== undefined ? { 'x-warren-edition': resolved.edition } : {};
    const treatment = treatmentOf(manifest.mime);
    const name = resolved.name ?? job.uri.path.at(-1);
    if (job.content === undefined) return this.streamFile(request, response, { manifest, name, headers: edition }, signal);
    if (treatment === 'html') {
      const notice =
        job.uri.kind === 'USK' && resolved.edition !== undefined
          ? editionNotice(resolved.edition, job.uri.edition, `/${job.uri.withEdition(resolved.edition + 1).toString()}`)
          : undefined;
      const body = filterHtml(utf8.decode(job.content), { documentPath, ...(notice === undefined ? {} : { notice }) });
      return send(request, response, { status: 200, headers: { ...edition, 'content-type': 'text/html; charset=utf-8' }, body });
    }
    if (treatment === 'css') {
      return send(request, response, {
        status: 200,
        headers: { ...edition, 'content-type': 'text/css; charset=utf-8' },
        body: filterStylesheet(utf8.decode(job.content), documentPath),
      });
    }
    const headers = {
      ...edition,
      'content-type': servedType(manifest.mime),
      'accept-ranges': 'bytes',
      ...(treatment === 'download' ? { 'content-disposition': attachment(name) } : {}),
    };
    const range = parseRange(request.headers.range, job.content.length);
    if (range === undefined) return send(request, response, { status: 200, headers, body: job.content });
    send(request, response, {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${job.content.length}` },
      body: job.content.subarray(range.start, range.end + 1),
    });
  }

  /** A file past maxBufferedBytes, straight from the network: never filtered, so never rendered unless it is an inline type. */
  private async streamFile(
    request: IncomingMessage,
    response: ServerResponse,
    file: { manifest: FileManifest; name: string | undefined; headers: Readonly<Record<string, number>> },
    signal: AbortSignal,
  ): Promise<void> {
    const { manifest } = file;
    const inline = treatmentOf(manifest.mime) === 'inline';
    const range = parseRange(request.headers.range, manifest.size);
    const length = range === undefined ? manifest.size : range.end - range.start + 1;
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      ...file.headers,
      'content-type': inline ? servedType(manifest.mime) : 'application/octet-stream',
      'content-length': length,
      'accept-ranges': 'bytes',
      ...(inline ? {} : { 'content-disposition': attachment(file.name) }),
      ...(range === undefined ? {} : { 'content-range': `bytes ${range.start}-${range.end}/${manifest.size}` }),
    };
    const status = range === undefined ? 200 : 206;
    if (request.method === 'HEAD') {
      response.writeHead(status, headers);
      response.end();
      return;
    }
    const slice = range === undefined ? { manifest, skip: 0 } : sliceFor(manifest, range);
    const content = this.client.fetchContent(slice.manifest, { signal });
    await sendStream(response, status, headers, range === undefined ? heldBack(content) : trimmed(content, slice.skip, length));
  }
}

/** A page the reader opened (rather than a resource a page loads): Sec-Fetch-Dest, else what it accepts. */
function isNavigation(request: IncomingMessage): boolean {
  const destination = request.headers['sec-fetch-dest'];
  return destination === undefined ? (request.headers.accept ?? '').includes('text/html') : destination === 'document';
}

/** The same key with one more path segment. */
function withPath(uri: RequestUri, name: string): RequestUri {
  return parseRequestUri(`${uri.toString()}/${encodeURIComponent(name)}`);
}

function send(request: IncomingMessage, response: ServerResponse, answer: Answer): void {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const contentType = typeof answer.body === 'string' && answer.body !== '' ? { 'content-type': 'text/html; charset=utf-8' } : {};
  response.writeHead(answer.status, { ...SECURITY_HEADERS, ...contentType, ...answer.headers, 'content-length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}
