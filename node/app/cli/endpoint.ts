/** Where the local node's API listens, from its data directory (api.json, api-token), for the commands that talk to it. */
import { homedir } from 'node:os';
import type { ApiEndpoint } from '../api/client.js';
import { dataDirPaths, readApiInfo, readApiToken, resolveDataDir } from '../daemon/data-dir.js';
import { NodeNotRunningError } from '../daemon/errors.js';

export async function localEndpoint(dataDirFlag: string | undefined): Promise<ApiEndpoint> {
  const paths = dataDirPaths(resolveDataDir({ flags: { dataDir: dataDirFlag }, env: process.env, homeDir: homedir() }));
  const [api, token] = await Promise.all([readApiInfo(paths), readApiToken(paths)]);
  if (api === undefined || token === undefined)
    throw new NodeNotRunningError(`no node is running on ${paths.root} (no api.json): start one with "warren node"`);
  return { url: `http://${api.host}:${api.port}`, token };
}
