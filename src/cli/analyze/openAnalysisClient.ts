/** Opens the client `redis-review analyze` works on, from a connection URL (the password stays in the URL). */
import { parseConnectionUrl, ConnectionUrlError } from '../../core/connection/url';
import { newProfile } from '../../core/connection/profile';
import type { RedisClient } from '../../redis/client';
import { openConnection } from '../../redis/connection/openConnection';
import { UsageError } from '../command';

export async function openAnalysisClient(url: string, cluster: boolean): Promise<RedisClient> {
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
  const opened = await openConnection(profile, { password: parsed.password });
  return opened.client;
}
