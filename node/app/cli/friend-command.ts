/**
 * `warren noderef` and `warren friend add FILE` / `warren friend list` (spec/node.md §5): the
 * out-of-band exchange of node references between friends, through the running node's API.
 */
import { readFile } from 'node:fs/promises';
import { MAX_NODE_REF_TEXT_BYTES } from '../../../protocol/wire/node-ref-text.js';
import { addFriend, fetchFriends, fetchNodeRef } from '../api/client.js';
import type { FriendStatus } from '../api/status.js';
import { localEndpoint } from './endpoint.js';
import { UsageError } from './errors.js';

const CALL_TIMEOUT_MS = 10_000;

/** This node's reference, as text to give a friend. */
export async function readNodeRef(dataDirFlag: string | undefined): Promise<string> {
  return fetchNodeRef(await localEndpoint(dataDirFlag), { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
}

/** Adds the friend whose reference is in `file` ("-": standard input); resolves with its id. */
export async function runFriendAdd(file: string, dataDirFlag: string | undefined): Promise<{ id: string }> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (cause) {
    throw new UsageError(`cannot read the node reference ${file}: ${(cause as Error).message}`, { cause });
  }
  const id = await addFriend(await localEndpoint(dataDirFlag), text, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  return { id };
}

export async function runFriendList(dataDirFlag: string | undefined): Promise<{ darknet: boolean; friends: FriendStatus[] }> {
  return fetchFriends(await localEndpoint(dataDirFlag), { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
}

export function formatFriends({ friends }: { darknet: boolean; friends: FriendStatus[] }): string {
  if (friends.length === 0) return 'no friends yet: add one with "warren friend add FILE"';
  return friends.map((friend) => `${friend.id}  ${friend.connected ? 'connected' : 'not connected'}  ${friend.addresses.join(' ')}`).join('\n');
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    text += chunk.toString();
    if (text.length > MAX_NODE_REF_TEXT_BYTES) break;
  }
  return text;
}
