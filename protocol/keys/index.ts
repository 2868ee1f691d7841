/** Keys and blocks: CHK, SSK, USK, their URIs, and block verification for relays and stores. */
export { type BlockKind, blockKind, MAX_BLOCK_BYTES, ROUTING_KEY_BYTES, verifyBlock } from './block.js';
export {
  CHK_BLOCK_BYTES,
  CHK_MAX_CONTENT_BYTES,
  type ChkBlock,
  type ChkFormat,
  decodeChk,
  encodeChk,
  STANDARD_CHK,
  verifyChkBlock,
} from './chk.js';
export { MAX_EDITION, MAX_NAME_BYTES, MAX_USK_NAME_BYTES, uskDocName } from './names.js';
export {
  decodeSsk,
  encodeSsk,
  SSK_BLOCK_BYTES,
  type SskWriteKeys,
  sskWriteKeysFromSeed,
} from './ssk.js';
export { parseInsertUri, parseRequestUri, parseUri } from './uri-parse.js';
export {
  type AnyInsertUri,
  ChkUri,
  type RequestUri,
  SskInsertUri,
  SskUri,
  UskInsertUri,
  UskUri,
  type WarrenUri,
} from './uri.js';
