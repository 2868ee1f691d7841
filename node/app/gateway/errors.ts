/**
 * The gateway's own refusals. They are API request errors (node/app/api/errors.ts), so the one
 * mapping `httpErrorOf` gives each its status and code; the gateway shows them as pages (pages.ts).
 */
import { ApiRequestError } from '../api/errors.js';

/** A request for another host name (DNS rebinding), or a page of another site loading from the gateway. */
export class GatewayForbiddenError extends ApiRequestError {
  readonly code = 'ERR_GATEWAY_FORBIDDEN';
  readonly status = 403;
}

/** The gateway is read-only: GET and HEAD only. */
export class GatewayMethodError extends ApiRequestError {
  readonly code = 'ERR_GATEWAY_READ_ONLY';
  readonly status = 405;
  constructor(method: string, options?: ErrorOptions) {
    super(`the gateway is read-only: ${method} is refused (insert and publish through the API or the CLI)`, options);
  }
}

/** A path that names no key and no page of the gateway. */
export class GatewayPathError extends ApiRequestError {
  readonly code = 'ERR_GATEWAY_NO_SUCH_PAGE';
  readonly status = 404;
}

/** As many fetches are running as the gateway runs at once. */
export class TooManyFetchesError extends ApiRequestError {
  readonly code = 'ERR_GATEWAY_BUSY';
  readonly status = 503;
  constructor(
    readonly limit: number,
    options?: ErrorOptions,
  ) {
    super(`the gateway is fetching ${limit} keys already: try again when one has finished`, options);
  }
}
