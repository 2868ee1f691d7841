/**
 * The friends of the headless node (spec/node.md §5), in either mode: the friend list (node/friends.ts),
 * kept in friends.json, and the links to the friends kept up.
 *
 *   start: friends.json ─> FriendList ─> the Node (friends outside the opennet's rules: a mixed node)
 *                                    └─> TcpTransport admission, in darknet mode (no stranger, in or out)
 *   every FRIEND_REDIAL_MS, and at once for a friend just added: dial each friend not connected, at each address
 *   add(reference) ─> verify ─> FriendList ─> friends.json ─> dial
 *
 * A darknet node never joins the opennet: it announces nothing and offers itself to nobody.
 */
import { toHex } from '../../../protocol/bytes.js';
import type { NodeRef } from '../../../protocol/wire/messages.js';
import type { Clock, Logger, TimerHandle } from '../../components.js';
import { FriendList } from '../../friends.js';
import { peerText } from '../../log-fields.js';
import type { Node } from '../../node.js';
import type { Transport } from '../../transport.js';
import type { FriendStatus, FriendsService } from '../api/status.js';
import { type DataDirPaths, loadFriends, saveFriends } from './data-dir.js';

/** How often a node dials the friends it is not linked to. */
export const FRIEND_REDIAL_MS = 30_000;

export interface FriendsComponents {
  readonly paths: DataDirPaths;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface FriendsInit {
  readonly powDifficulty: number;
  /** Darknet mode: the friends are the node's only peers. */
  readonly darknet: boolean;
}

export class Friends implements FriendsService {
  readonly list: FriendList;
  private timer: TimerHandle | undefined;
  private linked: { readonly node: Node; readonly transport: Transport } | undefined;
  /** One save at a time: saves share a temporary file. */
  private saving = Promise.resolve();

  private constructor(
    private readonly components: FriendsComponents,
    list: FriendList,
    readonly darknet: boolean,
  ) {
    this.list = list;
  }

  /** The friend list saved in the data directory. */
  static async load(components: FriendsComponents, init: FriendsInit): Promise<Friends> {
    const list = new FriendList(init);
    for (const friend of await loadFriends(components.paths)) list.add(friend);
    return new Friends(components, list, init.darknet);
  }

  /** Starts keeping the links to the friends up, through the node's transport. */
  start(node: Node, transport: Transport): void {
    this.linked = { node, transport };
    const round = (): void => {
      this.dialAll();
      this.timer = this.components.clock.setTimer(FRIEND_REDIAL_MS, round);
    };
    round();
  }

  stop(): void {
    this.timer?.cancel();
    this.linked = undefined;
  }

  /** Adds (or updates) a friend, saves the list and dials it. Throws for a reference whose proof fails. */
  async add(reference: NodeRef): Promise<string> {
    const id = this.list.add(reference);
    const save = () => saveFriends(this.components.paths, this.list.list());
    this.saving = this.saving.then(save, save);
    await this.saving;
    this.components.logger.info({ peer: peerText(id), addresses: reference.addresses }, 'friend added');
    this.dial(reference);
    return id;
  }

  status(): FriendStatus[] {
    const connected = new Set([...(this.linked?.node.peers ?? [])].map((peer) => peer.id));
    return this.list.list().map((friend) => {
      const id = toHex(friend.publicKey);
      return { id, addresses: friend.addresses, connected: connected.has(id) };
    });
  }

  private dialAll(): void {
    for (const friend of this.list.list()) this.dial(friend);
  }

  private dial(friend: NodeRef): void {
    const linked = this.linked;
    const id = toHex(friend.publicKey);
    if (linked === undefined || [...linked.node.peers].some((peer) => peer.id === id)) return;
    const { transport } = linked;
    (async () => {
      for (const address of friend.addresses) {
        try {
          await transport.dial(address, { peer: id });
          return;
        } catch (error) {
          this.components.logger.debug({ peer: peerText(id), address, reason: (error as Error).message }, 'friend not reached');
        }
      }
    })().catch(() => undefined);
  }
}
