/** TypeScript behaviour drivers, written next to the generated modules at test time and compiled with them. */
import { TYPESCRIPT_CONCURRENCY_DRIVERS } from './typescriptConcurrency';
import { TYPESCRIPT_STRUCTURE_DRIVERS } from './typescriptStructures';

/** driverSupport.ts: a client for the server under test (standalone or Cluster), timing and the report. */
export const TYPESCRIPT_DRIVER_SUPPORT = `import Redis, { Cluster } from 'ioredis';

export type Client = Redis | Cluster;
const opened: Client[] = [];

export function connect(): Client {
  const nodes = process.env.CLUSTER_NODES;
  const client: Client = nodes
    ? new Cluster(nodes.split(',').map((node) => ({ host: node.split(':')[0], port: Number(node.split(':')[1]) })))
    : new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  client.on('error', (error: Error) => console.error('driver connection error: ' + error.message));
  opened.push(client);
  return client;
}

export function prefix(name: string): string {
  return (process.env.DRIVER_PREFIX ?? 'drv') + '-' + name;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Prints the result as the last stdout line and closes every connection. */
export async function report(result: unknown): Promise<void> {
  console.log(JSON.stringify(result));
  await Promise.all(opened.map((client) => client.quit()));
}

export function main(body: () => Promise<void>): void {
  body().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
`;

export const TYPESCRIPT_DRIVERS: Record<string, string> = { ...TYPESCRIPT_CONCURRENCY_DRIVERS, ...TYPESCRIPT_STRUCTURE_DRIVERS };
