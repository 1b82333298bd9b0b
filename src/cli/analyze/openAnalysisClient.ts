/**
 * Opens the client `redis-review analyze` works on, from a connection URL and a password taken from the URL,
 * REDISCLI_AUTH or a prompt (see cliPassword.ts: the latter two keep it out of the process list).
 */
import { parseConnectionUrl, ConnectionUrlError } from '../../core/connection/url';
import { newProfile, type ConnectionProfile } from '../../core/connection/profile';
import type { RedisClient } from '../../redis/client';
import { ConnectionFailure, openConnection } from '../../redis/connection/openConnection';
import { CliFailure, UsageError } from '../command';
import { resolveCliPassword, type PasswordSources } from '../credentials/cliPassword';
import { ANALYZE_EXIT } from './exitCodes';

export interface AnalysisTarget {
  client: RedisClient;
  /** The profile the URL describes (no password): names the target in resume state files. */
  profile: ConnectionProfile;
  /** The password the client logged in with (--via-rdb opens its own replication connections with it). */
  password?: string;
}

export async function openAnalysisClient(url: string, cluster: boolean, passwordFrom: Omit<PasswordSources, 'fromUrl'>): Promise<AnalysisTarget> {
  let parsed;
  try {
    parsed = parseConnectionUrl(url);
  } catch (error) {
    if (error instanceof ConnectionUrlError) throw new UsageError(error.message);
    throw error;
  }
  const profile = newProfile({ id: 'cli', ...parsed.fields, commandTimeoutMs: 60_000 });
  if (cluster) {
    profile.topology = 'cluster';
    profile.cluster = { seeds: [{ host: profile.host, port: profile.port }] };
  }
  let password: string | undefined;
  try {
    password = (await resolveCliPassword({ ...passwordFrom, fromUrl: parsed.password })).password;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  try {
    const opened = await openConnection(profile, { password }, { audience: 'cli' });
    return { client: opened.client, profile, ...(password !== undefined ? { password } : {}) };
  } catch (error) {
    // The translated message names the cause and the fix; the raw reply adds nothing a CLI user can act on.
    if (error instanceof ConnectionFailure) throw new CliFailure(error.message, ANALYZE_EXIT.cannotConnect);
    throw error;
  }
}
