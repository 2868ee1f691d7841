/**
 * A node reference as text (spec/identity.md §10): what `warren noderef` prints and `warren friend add`
 * reads, exchanged out of band between people who trust each other. Line-based, like a Freenet noderef:
 *
 *   warren-noderef 1
 *   public-key <64 hex digits>
 *   pow-nonce <16 hex digits>
 *   address /ip4/192.0.2.7/tcp/9301        (0 to MAX_ADDRESSES lines)
 *
 * Parsing checks the shape and bounds only; whether the proof of work meets the network's difficulty
 * is for the reader to check (`verifyIdentityProof`).
 */
import { fromHex, toHex } from '../bytes.js';
import { InvalidNodeRefError } from '../errors.js';
import { checkNodeRef } from './fields.js';
import type { NodeRef } from './messages.js';

export const NODE_REF_HEADER = 'warren-noderef 1';
/** Longest node reference text accepted: the header, both fields and every address at its longest. */
export const MAX_NODE_REF_TEXT_BYTES = 4096;

/** The text form of `node`; ends with a newline. */
export function formatNodeRef(node: NodeRef): string {
  checkNodeRef('node reference', node);
  return [
    NODE_REF_HEADER,
    `public-key ${toHex(node.publicKey)}`,
    `pow-nonce ${toHex(node.powNonce)}`,
    ...node.addresses.map((address) => `address ${address}`),
    '',
  ].join('\n');
}

/** Reads a node reference; throws `InvalidNodeRefError` saying what is wrong. */
export function parseNodeRef(text: string): NodeRef {
  if (text.length > MAX_NODE_REF_TEXT_BYTES)
    throw new InvalidNodeRefError(`a node reference is at most ${MAX_NODE_REF_TEXT_BYTES} characters, got ${text.length}`);
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines[0] !== NODE_REF_HEADER) throw new InvalidNodeRefError(`a node reference starts with "${NODE_REF_HEADER}"`);
  let publicKey: Uint8Array | undefined;
  let powNonce: Uint8Array | undefined;
  const addresses: string[] = [];
  for (const line of lines.slice(1)) {
    const space = line.indexOf(' ');
    const [field, value] = space < 0 ? [line, ''] : [line.slice(0, space), line.slice(space + 1).trim()];
    if (field === 'public-key' && publicKey === undefined) publicKey = hexField(field, value);
    else if (field === 'pow-nonce' && powNonce === undefined) powNonce = hexField(field, value);
    else if (field === 'address') addresses.push(value);
    else throw new InvalidNodeRefError(`unexpected line in a node reference: ${JSON.stringify(line.slice(0, 80))}`);
  }
  if (publicKey === undefined || powNonce === undefined) throw new InvalidNodeRefError('a node reference needs a public-key and a pow-nonce line');
  const node: NodeRef = { publicKey, powNonce, addresses };
  try {
    checkNodeRef('node reference', node);
  } catch (cause) {
    throw new InvalidNodeRefError((cause as Error).message, { cause });
  }
  return node;
}

function hexField(field: string, value: string): Uint8Array {
  try {
    return fromHex(value);
  } catch (cause) {
    throw new InvalidNodeRefError(`${field} must be hex digits, got ${JSON.stringify(value.slice(0, 80))}`, { cause });
  }
}
