/** Why joining the opennet failed, as the user should read it. */
import { WarrenError } from '../../protocol/errors.js';

/** Neither a saved peer nor a seed could be reached. */
export class NoPeersError extends WarrenError {
  readonly code = 'ERR_NO_PEERS';
  constructor(readonly tried: number, options?: ErrorOptions) {
    super(`could not connect to any of ${tried} saved peers and seeds: check the seed addresses and the network`, options);
  }
}
