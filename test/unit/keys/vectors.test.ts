import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../../protocol/bytes.js';
import {
  ChkUri,
  decodeChk,
  decodeSsk,
  encodeChk,
  encodeSsk,
  parseRequestUri,
  parseUri,
  SskInsertUri,
  SskUri,
  sskWriteKeysFromSeed,
  UskInsertUri,
  UskUri,
  verifyBlock,
} from '../../../protocol/keys/index.js';

function load<T>(name: string): T[] {
  return (JSON.parse(readFileSync(new URL(`../../../spec/vectors/${name}`, import.meta.url), 'utf8')) as { vectors: T[] }).vectors;
}

interface ChkVector { name: string; content: string; cryptoKey: string; routingKey: string; block: string; uri: string }
interface SskVector {
  name: string; seed: string; publicKey: string; symmetricKey: string; docName: string;
  content: string; routingKey: string; block: string; insertUri: string; requestUri: string;
}
interface UskVector {
  name: string; seed: string; uskName: string; edition: number; path: string[]; insertUri: string; requestUri: string;
  sskDocName: string; sskRequestUri: string; routingKey: string; content: string; block: string;
}

describe('spec/vectors for keys', () => {
  describe('chk.json', () => {
    for (const vector of load<ChkVector>('chk.json')) {
      it(vector.name, () => {
        const encoded = encodeChk(fromHex(vector.content));
        assert.equal(toHex(encoded.cryptoKey), vector.cryptoKey);
        assert.equal(toHex(encoded.routingKey), vector.routingKey);
        assert.equal(toHex(encoded.block), vector.block);
        const uri = parseUri(vector.uri);
        assert.ok(uri instanceof ChkUri);
        assert.equal(toHex(uri.routingKey), vector.routingKey);
        assert.equal(toHex(uri.cryptoKey), vector.cryptoKey);
        assert.equal(uri.toString(), vector.uri);
        assert.equal(verifyBlock(fromHex(vector.routingKey), fromHex(vector.block)), 'chk');
        assert.equal(toHex(decodeChk(fromHex(vector.block), fromHex(vector.cryptoKey))), vector.content);
      });
    }
  });

  describe('ssk.json', () => {
    for (const vector of load<SskVector>('ssk.json')) {
      it(vector.name, () => {
        const keys = sskWriteKeysFromSeed(fromHex(vector.seed));
        assert.equal(toHex(keys.publicKey), vector.publicKey);
        assert.equal(toHex(keys.symmetricKey), vector.symmetricKey);
        const encoded = encodeSsk(keys, vector.docName, fromHex(vector.content));
        assert.equal(toHex(encoded.routingKey), vector.routingKey);
        assert.equal(toHex(encoded.block), vector.block);
        assert.equal(verifyBlock(fromHex(vector.routingKey), fromHex(vector.block)), 'ssk');
        const insert = parseUri(vector.insertUri);
        assert.ok(insert instanceof SskInsertUri);
        assert.equal(insert.docName, vector.docName);
        assert.equal(insert.toRequestUri().toString(), vector.requestUri);
        const request = parseRequestUri(vector.requestUri);
        assert.ok(request instanceof SskUri);
        assert.equal(toHex(request.routingKey), vector.routingKey);
        assert.equal(toHex(decodeSsk(fromHex(vector.block), request.keys, request.docName)), vector.content);
      });
    }
  });

  describe('usk.json', () => {
    for (const vector of load<UskVector>('usk.json')) {
      it(vector.name, () => {
        const insert = new UskInsertUri(fromHex(vector.seed), vector.uskName, vector.edition, vector.path);
        assert.equal(insert.toString(), vector.insertUri);
        assert.equal(insert.toRequestUri().toString(), vector.requestUri);
        const request = parseUri(vector.requestUri);
        assert.ok(request instanceof UskUri);
        assert.equal(request.edition, vector.edition);
        assert.deepEqual(request.path, vector.path);
        const ssk = request.toSskUri();
        assert.equal(ssk.docName, vector.sskDocName);
        assert.equal(ssk.toString(), vector.sskRequestUri);
        assert.equal(toHex(ssk.routingKey), vector.routingKey);
        const { block } = encodeSsk(insert.writeKeys(), vector.sskDocName, fromHex(vector.content));
        assert.equal(toHex(block), vector.block);
        assert.equal(toHex(decodeSsk(block, ssk.keys, ssk.docName)), vector.content);
      });
    }
  });
});
