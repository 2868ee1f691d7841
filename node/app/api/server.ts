/**
 * The local API (spec/node.md §3): HTTP on 127.0.0.1 only, for the node's owner and scripts.
 *
 *   request ──admit──> Host is 127.0.0.1:port or localhost:port (DNS rebinding), no Origin
 *                      header (browsers), "Authorization: Bearer <api-token>" (constant time)
 *           ──refused──> refusal-tarpit.ts: answered after a delay, or the connection closed
 *           ──route──> GET /v1/status                 status.ts
 *                      GET /v1/blocks/<key>?type=     CountingOperations.request ─> Node
 *                      PUT /v1/blocks/<key>?type=     CountingOperations.insert  ─> Node
 *                      /v1/files, /v1/directories,    files.ts: Client over CountingOperations,
 *                      /v1/publish, /v1/transfers     progress in transfers.ts
 *                      GET /v1/transfers/<id>/events  transfer-events.ts: one transfer's events, streamed
 *                      GET /v1/noderef                this node's reference (protocol/node-ref-text.ts)
 *                      GET, POST /v1/friends          the node's friends (daemon/friends.ts), in either mode
 *   any error ──httpErrorOf──> { error: { code, message } } with its status
 *
 * `stop()` stops accepting, aborts the operations in flight and closes every connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromHex } from '../../../protocol/bytes.js';
import { equalBytes } from '../../../protocol/crypto.js';
import { MAX_BLOCK_BYTES, ROUTING_KEY_BYTES } from '../../../protocol/keys/index.js';
import { MAX_NODE_REF_TEXT_BYTES, formatNodeRef, parseNodeRef } from '../../../protocol/wire/node-ref-text.js';
import { MAX_ADDRESSES } from '../../../protocol/wire/limits.js';
import type { KeyType } from '../../../protocol/wire/messages.js';
import type { Logger } from '../../components.js';
import { NodeStoppedError } from '../../errors.js';
import { BadRequestError, ClientGoneError, ForbiddenRequestError, httpErrorOf, NoFriendListError, UnauthorizedError, UnknownEndpointError } from './errors.js';
import { FileRoutes } from './files.js';
import { allow, closeServer, listenOn, readBody, sendJson } from './http.js';
import { discardRestOfBody } from './linger.js';
import { RefusalTarpit, type RefusalTarpitInit } from './refusal-tarpit.js';
import { type FriendsService, type NodeStatus, nodeStatus, type StatusComponents } from './status.js';
import { streamTransferEvents } from './transfer-events.js';
import { type TransferStatus, Transfers } from './transfers.js';

export interface ApiServerComponents extends StatusComponents {
  readonly logger: Logger;
  /** The friends `/v1/friends` lists and adds to (the daemon's, in either mode); absent, it lists none. */
  readonly friends?: FriendsService | undefined;
}

export interface ApiServerInit {
  /** The API token (hex) every request must carry. */
  readonly token: string;
  /** Port on 127.0.0.1; 0 picks a free one (see `port` once started). Default 7401. */
  readonly port?: number;
  /** Only 127.0.0.1 is accepted: the API is for this machine. Default 127.0.0.1. */
  readonly host?: string;
  /** How refused calls are slowed (refusal-tarpit.ts defaults). */
  readonly refusals?: RefusalTarpitInit;
}

export const API_HOST = '127.0.0.1';
export const DEFAULT_API_PORT = 7401;
const BLOCK_PATH = /^\/v1\/blocks\/([^/]*)$/;
const TRANSFER_EVENTS_PATH = /^\/v1\/transfers\/([^/]*)\/events$/;
const KEY_TYPES: readonly KeyType[] = ['chk', 'ssk'];
const encoder = new TextEncoder();

export class ApiServer {
  private readonly server: Server;
  private readonly token: Uint8Array;
  private readonly requestedPort: number;
  private readonly stopping = new AbortController();
  private readonly transfers: Transfers;
  private readonly files: FileRoutes;
  private readonly refusals: RefusalTarpit;
  private startedAt = 0;

  constructor(
    private readonly components: ApiServerComponents,
    init: ApiServerInit,
  ) {
    const host = init.host ?? API_HOST;
    if (host !== API_HOST) throw new RangeError(`the API listens on ${API_HOST} only, got ${host}`);
    this.requestedPort = init.port ?? DEFAULT_API_PORT;
    this.token = encoder.encode(init.token);
    this.transfers = new Transfers(components);
    this.files = new FileRoutes(components.operations, this.transfers, components.healer);
    this.refusals = new RefusalTarpit(components, init.refusals);
    // No whole-request time limit: an upload lasts as long as the network takes to insert it.
    this.server = createServer({ requestTimeout: 0, headersTimeout: 10_000 }, (request, response) => void this.handle(request, response));
  }

  /** Refused calls waiting for their answer (refusal-tarpit.ts). */
  get refusalsWaiting(): number {
    return this.refusals.size;
  }

  /** What the web gateway's dashboard shows: the status and the transfers in flight through the API. */
  dashboard(): { status: NodeStatus; transfers: TransferStatus[] } {
    return { status: nodeStatus(this.components, this.startedAt), transfers: this.transfers.snapshot() };
  }

  /** The bound port (valid after `start`). */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async start(): Promise<void> {
    this.startedAt = this.components.clock.now();
    await listenOn(this.server, this.requestedPort, API_HOST);
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.stopping.abort(new NodeStoppedError());
    this.refusals.clear();
    await closeServer(this.server);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      this.admit(request);
    } catch (error) {
      this.refusals.hold(response, () => this.answerError(request, response, error));
      return;
    }
    const abandoned = new AbortController();
    response.once('close', () => abandoned.abort(new ClientGoneError()));
    const signal = AbortSignal.any([this.stopping.signal, abandoned.signal]);
    try {
      await this.route(request, response, signal);
    } catch (error) {
      this.answerError(request, response, error);
    }
  }

  private answerError(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    const answer = httpErrorOf(error);
    if (answer.status === 500) this.components.logger.warn({ err: error, method: request.method, url: request.url }, 'API request failed');
    if (response.headersSent) return;
    sendJson(response, answer.status, { error: { code: answer.code, message: answer.message } });
    discardRestOfBody(request, this.components.clock);
  }

  private admit(request: IncomingMessage): void {
    const host = request.headers.host;
    if (host !== `${API_HOST}:${this.port}` && host !== `localhost:${this.port}`) {
      throw new ForbiddenRequestError(`the API answers only requests for ${API_HOST}:${this.port} or localhost:${this.port}`);
    }
    if (request.headers.origin !== undefined) throw new ForbiddenRequestError('browser requests (with an Origin header) are refused');
    const match = /^Bearer ([0-9a-f]+)$/.exec(request.headers.authorization ?? '');
    if (match === null || !equalBytes(encoder.encode(match[1]), this.token)) throw new UnauthorizedError();
  }

  private async route(request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${API_HOST}`);
    if (url.pathname === '/v1/status') {
      allow(request, ['GET']);
      sendJson(response, 200, nodeStatus(this.components, this.startedAt));
      return;
    }
    if (url.pathname === '/v1/noderef' || url.pathname === '/v1/friends') {
      await friendsAnswer(this.components, request, response, url.pathname);
      return;
    }
    const events = TRANSFER_EVENTS_PATH.exec(url.pathname);
    if (events !== null) {
      allow(request, ['GET']);
      await streamTransferEvents(response, this.transfers, events[1]!, signal, this.components.clock);
      return;
    }
    if (await this.files.route(request, response, url, signal)) return;
    const block = BLOCK_PATH.exec(url.pathname);
    if (block === null) throw new UnknownEndpointError(`no endpoint ${url.pathname}: see spec/node.md for the API`);
    allow(request, ['GET', 'PUT']);
    const routingKey = parseRoutingKey(block[1]!);
    const keyType = parseKeyType(url.searchParams.get('type'));
    const { operations } = this.components;
    if (request.method === 'GET') {
      const data = await operations.request(routingKey, { keyType, signal });
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
      response.end(data);
      return;
    }
    const body = await readBody(request, MAX_BLOCK_BYTES);
    const result = await operations.insert(routingKey, body, { keyType, signal });
    sendJson(response, 200, result);
  }
}

/** The friend list's part of `route` (spec/node.md §3, §5). */
async function friendsAnswer(components: ApiServerComponents, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  if (path === '/v1/noderef') {
    allow(request, ['GET']);
    const { identity } = components;
    const text = formatNodeRef({ publicKey: identity.publicKey, powNonce: identity.nonce, addresses: components.addresses().slice(0, MAX_ADDRESSES) });
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    response.end(text);
    return;
  }
  allow(request, ['GET', 'POST']);
  const { friends } = components;
  if (request.method === 'GET') {
    sendJson(response, 200, { darknet: friends?.darknet ?? false, friends: friends?.status() ?? [] });
    return;
  }
  if (friends === undefined) throw new NoFriendListError();
  const text = new TextDecoder().decode(await readBody(request, MAX_NODE_REF_TEXT_BYTES));
  sendJson(response, 200, { id: await friends.add(parseNodeRef(text)) });
}

function parseRoutingKey(text: string): Uint8Array {
  if (!new RegExp(`^[0-9a-fA-F]{${ROUTING_KEY_BYTES * 2}}$`).test(text)) {
    throw new BadRequestError(`a routing key is ${ROUTING_KEY_BYTES * 2} hex digits, got ${JSON.stringify(text.slice(0, 80))}`);
  }
  return fromHex(text.toLowerCase());
}

function parseKeyType(text: string | null): KeyType {
  if (text === null) return 'chk';
  if (!(KEY_TYPES as readonly string[]).includes(text)) throw new BadRequestError(`type must be ${KEY_TYPES.join(' or ')}, got ${JSON.stringify(text)}`);
  return text as KeyType;
}
