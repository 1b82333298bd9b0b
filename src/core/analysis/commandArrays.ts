/**
 * Commands queued as arrays rather than method calls: node-redis v3's and ioredis' `multi([['lpush', key, v],
 * ['ltrim', key, 0, 24]])`, `pipeline([...])`, `batch([...])`, also arrays pushed to a list handed to one of them
 * later (`ops.push(['expire', key, ttl])`). Read from the text of JavaScript/TypeScript files, for the workspace's
 * key index only: such a command trims, expires or fills its key as a call would.
 */
import { isKnownCommand } from './commandNames';

/** `['ltrim', key, …]` / `["EXPIRE", `x:${id}`, …]`: a command word, then the key expression. */
const COMMAND_ARRAY = /\[\s*(['"])([A-Za-z]+)\1\s*,\s*(`[^`\n]*`|'[^'\n]*'|"[^"\n]*"|[A-Za-z_$][\w$]*)\s*[,\]]/g;
const QUEUEING = /\.\s*(multi|pipeline|batch)\s*\(\s*[[\w$]/;

/** Key pattern of a string or template literal: each `${…}` is any text. */
function literalPattern(expression: string): string | undefined {
  const quote = expression[0];
  if (quote !== '`' && quote !== "'" && quote !== '"') return undefined;
  const body = expression.slice(1, -1);
  return quote === '`' ? body.replace(/\$\{[^}]*\}/g, '*').replace(/\*+/g, '*') : body;
}

/** The commands and key patterns a file queues as command arrays (nothing when it hands no array to multi/pipeline/batch). */
export function queuedCommandKeys(text: string): { command: string; key: string }[] {
  if (!QUEUEING.test(text)) return [];
  const out: { command: string; key: string }[] = [];
  for (const match of text.matchAll(COMMAND_ARRAY)) {
    const command = match[2].toUpperCase();
    if (!isKnownCommand(command)) continue;
    const expression = match[3];
    let key = literalPattern(expression);
    if (key === undefined) {
      // A local bound to a literal before the array (`const key = \`feed:${item.user}\``), the nearest such binding.
      const before = text.slice(Math.max(0, match.index! - 2000), match.index!);
      const bindings = [...before.matchAll(new RegExp(`\\b(?:const|let|var)\\s+${expression.replace(/\$/g, '\\$')}\\s*=\\s*(\`[^\`\\n]*\`|'[^'\\n]*'|"[^"\\n]*")`, 'g'))];
      const bound = bindings.at(-1)?.[1];
      key = bound === undefined ? undefined : literalPattern(bound);
    }
    if (key) out.push({ command, key });
  }
  return out;
}
