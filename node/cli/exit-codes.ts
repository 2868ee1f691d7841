/** The `warren` command's exit codes (README, spec/node.md §4). */
export const EXIT_SUCCESS = 0;
export const EXIT_FAILURE = 1;
/** A malformed URI, an unknown option, a bad setting. */
export const EXIT_INVALID_INPUT = 2;
/** `warren node`: a second signal cut the shutdown short. */
export const EXIT_FORCED = 130;
