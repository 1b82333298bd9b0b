/**
 * Clients a file imports from a project module and gives to BullMQ, Bull or Bee-Queue as their connection:
 *
 *     import { redis } from '../utils/redis';
 *     export const worker = new Worker('mail', run, { connection: redis });
 *
 * These packages attach their own 'error' listener to the client they are given, so the exporting module's client
 * is listened to even when no project file calls `.on('error')` on it.
 */
import type { Span } from '../findings';
import type { ListenerSite } from './model';
import { spanFromOffsets } from './spans';
import type { WorkspaceLookup } from './workspaceLookup';
import { injectedClientIdentity } from './injectionTokens';

/** Packages that attach an 'error' listener to a client handed to them as their connection. */
const LISTENING_QUEUE_PACKAGE = /(?:\bfrom\s*|\brequire\(\s*)['"](?:bullmq|bull|bee-queue|@nestjs\/bullmq|@nestjs\/bull)['"]/;
/** `connection: redis`, `connection: redis as any`, `{ connection }`. */
const CONNECTION_VALUE = /\bconnection\s*:\s*([A-Za-z_$][\w$]*)(?=\s*(?:as\s+[\w$.<>\[\]]+\s*)?[,}\n])|[{,]\s*(connection)\s*[,}]/g;

export interface QueueConnectionImport {
  /** The module specifier the client is imported from (`../utils/redis`). */
  specifier: string;
  /** The name the exporting module gives it (`default` for a default import). */
  exported: string;
  /** Where the file hands it over (`connection: redis`). */
  span: Span;
}

/** The project imports (relative specifiers) this file hands to a queue package as its connection. */
export function queueConnectionImports(text: string): QueueConnectionImport[] {
  if (!text.includes('connection') || !LISTENING_QUEUE_PACKAGE.test(text)) return [];
  const found: QueueConnectionImport[] = [];
  const seen = new Set<string>();
  CONNECTION_VALUE.lastIndex = 0;
  for (let match = CONNECTION_VALUE.exec(text); match; match = CONNECTION_VALUE.exec(text)) {
    const local = match[1] ?? match[2];
    if (seen.has(local)) continue;
    seen.add(local);
    const imported = importOf(text, local);
    if (imported && imported.specifier.startsWith('.')) found.push({ ...imported, span: spanFromOffsets(text, match.index, match.index + match[0].length) });
  }
  return found;
}

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/** Where a local name comes from: `import { a as local } from 's'`, `import local from 's'`, `const { local } = require('s')`. */
function importOf(text: string, local: string): Omit<QueueConnectionImport, 'span'> | undefined {
  const name = escape(local);
  const named = new RegExp(`import\\s*(?:type\\s+)?(?:[\\w$]+\\s*,\\s*)?\\{([^}]*)\\}\\s*from\\s*['"]([^'"]+)['"]`, 'g');
  for (let match = named.exec(text); match; match = named.exec(text)) {
    for (const part of match[1].split(',')) {
      const [exported, alias] = part.trim().split(/\s+as\s+/);
      if ((alias ?? exported)?.trim() === local) return { specifier: match[2], exported: exported.trim() };
    }
  }
  const defaulted = new RegExp(`import\\s+${name}\\s*(?:,\\s*\\{[^}]*\\})?\\s*from\\s*['"]([^'"]+)['"]`).exec(text);
  if (defaulted) return { specifier: defaulted[1], exported: 'default' };
  const required = new RegExp(`(?:const|let|var)\\s*\\{([^}]*)\\}\\s*=\\s*require\\(\\s*['"]([^'"]+)['"]\\s*\\)`, 'g');
  for (let match = required.exec(text); match; match = required.exec(text)) {
    for (const part of match[1].split(',')) {
      const [exported, alias] = part.trim().split(/\s*:\s*/);
      if ((alias ?? exported)?.trim() === local) return { specifier: match[2], exported: exported.trim() };
    }
  }
  return undefined;
}

/**
 * The mark the index keeps for a client handed to a queue package as its connection: it is recorded among the
 * file's listeners (the package attaches its own 'error' listener to it), under an identity no client has, so a
 * rule asks `hasErrorListenerElsewhere(queueConnectionMark(identity))` to learn that a queue works on the client.
 */
export function queueConnectionMark(identity: string): string {
  return `queue#${identity}`;
}

/** `useFactory: (redis: Redis, config) =>` or `useFactory: async (redis) =>`: the factory's parameter names. */
const USE_FACTORY = /\buseFactory\s*:\s*(?:async\s*)?\(([^)]*)\)\s*=>/g;
/** `inject: [REDIS_CLIENT, 'CONFIG']`: the tokens whose providers' values the factory receives, in order. */
const INJECT = /\binject\s*:\s*\[([^\]]*)\]/;
/** How far from a `useFactory` its provider's `inject:` is looked for (the same object literal). */
const PROVIDER_REACH = 600;

/**
 * NestJS clients handed to a queue module through dependency injection:
 *
 *     BullModule.forRootAsync({ useFactory: (redis: Redis) => ({ connection: redis }), inject: [REDIS_CLIENT] })
 *
 * The identities (`inject#REDIS_CLIENT`, see injectionTokens.ts) of the clients such factories give as `connection`.
 */
function injectedQueueConnections(text: string): string[] {
  if (!text.includes('useFactory') || !LISTENING_QUEUE_PACKAGE.test(text)) return [];
  const found = new Set<string>();
  USE_FACTORY.lastIndex = 0;
  for (let factory = USE_FACTORY.exec(text); factory; factory = USE_FACTORY.exec(text)) {
    const params = factory[1].split(',').map((param) => param.split(/[:=]/)[0].trim());
    const after = text.slice(factory.index, factory.index + PROVIDER_REACH);
    const given = /\bconnection\s*:\s*([A-Za-z_$][\w$]*)\s*[,}\n]|[{,]\s*(connection)\s*[,}]/.exec(after);
    const index = given ? params.indexOf(given[1] ?? given[2]) : -1;
    if (index < 0) continue;
    const inject = INJECT.exec(text.slice(Math.max(0, factory.index - PROVIDER_REACH), factory.index + PROVIDER_REACH));
    const token = inject?.[1].split(',')[index]?.trim().replace(/^(['"`])(.*)\1$/, '$2');
    if (token && /^[\w$.:-]+$/.test(token)) found.add(injectedClientIdentity(token));
  }
  return [...found];
}

/**
 * The clients of other project modules this file hands to a queue package, as 'error' listeners on their
 * identities (`<path>#<name>`): the package attaches one when it takes the connection. Each hand-over, also one
 * through a NestJS injection token, is recorded under its queueConnectionMark as well.
 */
export function queueConnectionListeners(text: string, path: string, workspace: WorkspaceLookup | undefined): ListenerSite[] {
  if (!workspace) return [];
  const listeners: ListenerSite[] = [];
  for (const imported of queueConnectionImports(text)) {
    const client = workspace.exportedClient(path, 'script', imported.specifier, imported.exported);
    if (client && client.kind === 'client' && !client.returnsClient) {
      listeners.push({ identity: client.identity, event: 'error', span: imported.span });
      listeners.push({ identity: queueConnectionMark(client.identity), event: 'error', span: imported.span });
    }
  }
  const start = spanFromOffsets(text, 0, 0);
  for (const identity of injectedQueueConnections(text)) listeners.push({ identity: queueConnectionMark(identity), event: 'error', span: start });
  return listeners;
}
