/**
 * missing-error-listener: an ioredis client of a one-shot script - a file that exports nothing, starts nothing
 * that outlives its work (no server, subscription, worker, timer or endless loop) and ends its client (`quit()`,
 * `disconnect()`) or the process (`process.exit()`) when the work is done. ioredis prints an unhandled 'error' to
 * the terminal that started the run and the script's commands fail: nobody is left unaware of it. A node-redis
 * client still needs its listener there: the unhandled 'error' kills the script halfway through its work.
 */
import type { FileModel } from '../../analysis/model';
import type { ClientCreation } from '../rule';

/** Module exports of ES modules and CommonJS: other code may hold the client and live on. */
const EXPORTS = /^[ \t]*export\s|\bmodule\.exports\b|^[ \t]*exports\.[\w$]+\s*=/m;
/** What keeps a process running: servers, bots, subscriptions, workers, timers, schedules, signal handlers and endless loops. */
const LONG_RUNNING = /\.\s*(?:listen|subscribe|psubscribe|ssubscribe|login|schedule)\s*\(|\bprocess\s*\.\s*(?:on|once)\s*\(|\bCronJob\b|\bsetInterval\s*\(|\bnew\s+(?:Worker|Queue|Server)\b|\.\s*on\s*\(\s*['"`](?:p?message|connection|request)['"`]|\bwhile\s*\(\s*(?:true|1)\s*\)|\bfor\s*\(\s*;\s*;\s*\)|\bcreateServer\s*\(|\bexpress\s*\(\s*\)/;

export function isOneShotScript(model: FileModel, creation: ClientCreation): boolean {
  const text = model.text;
  if (creation.library !== 'ioredis' || EXPORTS.test(text) || LONG_RUNNING.test(text)) return false;
  if (/\bprocess\s*\.\s*exit\s*\(/.test(text)) return true;
  const name = creation.binding;
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  return new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*\\.\\s*(?:quit|disconnect)\\s*\\(`).test(text);
}
