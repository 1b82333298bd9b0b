/**
 * Evidence that a call sends a Redis command, read from how it sends it rather than from who the receiver is:
 * a raw command given by name to redis-py's `execute_command` or node-redis's `sendCommand`, and the key-value
 * methods of Celery's result backend, which run on the backend's redis-py client.
 */

/** Generic senders whose first argument (or first array item) names the command: only Redis clients have them. */
const RAW_COMMAND_METHODS = new Set(['execute_command', 'send_command', 'sendCommand']);

/** `r.execute_command("KEYS", "tmp:*")`, `client.sendCommand(['KEYS', p])`: the command word itself says Redis. */
export function rawCommandEvidence(method: string, command: string): string | undefined {
  return RAW_COMMAND_METHODS.has(method) ? `${method}() sends the ${command} command by name` : undefined;
}

/** Celery's KeyValueStoreBackend methods; the Redis result backend runs each as the same-named command. */
const CELERY_STORE_METHODS = new Set(['get', 'mget', 'set', 'delete', 'incr', 'expire']);
/** `app.backend`, `self.backend`, `celery_app.backend`: the result backend itself. */
const CELERY_BACKEND = /(^|\.)backend$/;

export const CELERY_STORE_EVIDENCE = "Celery's Redis result backend runs backend.get/set/delete as Redis commands";

/**
 * `app.backend.delete(lock_key)` in a file that imports Celery, in a project that uses Redis: the result backend's
 * key-value store is the Redis server its redis-py client talks to.
 */
export function isCeleryBackendStore(celeryFile: boolean, receiver: string, method: string): boolean {
  return celeryFile && CELERY_STORE_METHODS.has(method) && CELERY_BACKEND.test(receiver.replace(/\(\)/g, ''));
}
