/** The `warren` command's exit codes (README, spec/node.md §4–5), and the one mapping from an error to its code. */
export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;
/**
 * A malformed URI, an unknown option, a bad setting, a request URI where an insert URI is needed, a bad
 * path or MIME type, an unconfirmed large write, an existing output without --force.
 */
export const EXIT_INVALID_INPUT = 2;
/** `warren get`: the data was not found (hops ran out, or routes did), nor a path in it or an edition. */
export const EXIT_NOT_FOUND = 3;
/** `warren node`: a second signal cut the shutdown short. */
export const EXIT_FORCED = 130;

const INVALID_INPUT = new Set([
  'ERR_USAGE',
  'ERR_INVALID_URI',
  'ERR_REQUEST_URI_FOR_INSERT',
  'ERR_BAD_REQUEST',
  'ERR_WRONG_KIND',
  'ERR_RANGE_NOT_SATISFIABLE',
  'ERR_INVALID_PATH',
  'ERR_INVALID_MIME',
  'ERR_EXPANSION_REFUSED',
  'ERR_OUTPUT_EXISTS',
]);
const NOT_FOUND = new Set(['ERR_DATA_NOT_FOUND', 'ERR_ROUTE_NOT_FOUND', 'ERR_MISSING_BLOCKS', 'ERR_EDITION_NOT_FOUND', 'ERR_PATH_NOT_FOUND']);

/** The exit code for an error with a stable `code` (from the CLI, a parser or the node's API answer). */
export function exitCodeOf(error: unknown): number {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return EXIT_FAILURE;
  if (INVALID_INPUT.has(code)) return EXIT_INVALID_INPUT;
  return NOT_FOUND.has(code) ? EXIT_NOT_FOUND : EXIT_FAILURE;
}
