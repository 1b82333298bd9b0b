/** What shows that a client's 'error' event is listened to, or handed to code that listens, in one module's text. */
import { argumentParen, calleeBefore, mayAttachListener } from '../../analysis/handOver';
import { escapeRegExp } from '../../analysis/keyReferences';

export const ERROR_LISTENER = /\.(on|once|addListener|prependListener)\(\s*['"`]error['"`]/;

/** The class declares the field `public` (TypeScript): callers reach the client through it. */
export function publicField(text: string, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  return new RegExp(`^[ \\t]*public\\s+(?:readonly\\s+)?${name.replace(/[$]/g, '\\$')}\\s*[!?]?\\s*[:=;]`, 'm').test(text);
}

/**
 * `new Queue('jobs', { ...opts, connection: this.redis })`: a client held in a field and given to BullMQ, Bull or
 * Bee-Queue, which attach their own 'error' listener. Hand-overs to project code are not followed here: a field
 * is reachable from every method, so only a package known to listen settles it.
 */
export function fieldHandedToListeningPackage(text: string, binding: string): boolean {
  const field = binding.replace(/[.$]/g, (c) => `\\${c}`);
  const uses = new RegExp(`${field}\\s*[,)}]`, 'g');
  for (let match = uses.exec(text); match; match = uses.exec(text)) {
    if (/[\w$.]/.test(text[match.index - 1] ?? '')) continue;
    const paren = argumentParen(text, match.index);
    if (paren >= 0 && mayAttachListener(calleeBefore(text, paren), text, () => false)) return true;
  }
  return false;
}

/** A list literal of event names that includes 'error' (`['connect', 'ready', 'error', 'close']`). */
const EVENT_LIST = /\[\s*(?:['"`][\w:-]+['"`]\s*,\s*)*['"`]error['"`]\s*(?:,\s*['"`][\w:-]+['"`]\s*)*,?\s*\]/g;

/**
 * `const events = ['connect', 'error', 'close']; lodash.map(events, (event) => client.on(event, log))`,
 * `for (const e of events) client.on(e, ...)`, `['error', 'end'].forEach((e) => client.on(e, ...))`: a listener
 * attached for each name of a list that includes 'error'.
 */
export function listenedThroughEventList(text: string, binding: string): boolean {
  const attached = new RegExp(`(?:^|[^\\w$.])${escapeRegExp(binding)}\\s*\\.\\s*(?:on|once|addListener|prependListener)\\(\\s*([A-Za-z_$][\\w$]*)\\s*,`, 'g');
  const names = [...text.matchAll(attached)].map((m) => m[1]);
  if (!names.length) return false;
  EVENT_LIST.lastIndex = 0;
  for (let match = EVENT_LIST.exec(text); match; match = EVENT_LIST.exec(text)) {
    const holder = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*$/.exec(text.slice(Math.max(0, match.index - 80), match.index))?.[1];
    const lists = [escapeRegExp(match[0]), ...(holder ? [`\\b${escapeRegExp(holder)}\\b`] : [])];
    for (const list of lists) {
      for (const name of names) {
        const item = escapeRegExp(name);
        const iterations = [
          `${list}\\s*\\.\\s*(?:forEach|map)\\s*\\(\\s*(?:async\\s*)?(?:function\\s*)?\\(?\\s*${item}\\b`,
          `\\b(?:map|each|forEach)\\s*\\(\\s*${list}\\s*,\\s*(?:async\\s*)?(?:function\\s*)?\\(?\\s*${item}\\b`,
          `for\\s*\\(\\s*(?:const|let|var)\\s+${item}\\s+of\\s+${list}`,
        ];
        if (iterations.some((pattern) => new RegExp(pattern).test(text))) return true;
      }
    }
  }
  return false;
}

/** A list literal of plain names (`[pub, sub]`, `[this.pub, this.sub]`). */
const NAME_LIST = /\[\s*((?:[\w$.]+\s*,\s*)+[\w$.]+)\s*,?\s*\]/g;

/**
 * `for (const c of [pub, sub]) c.on('error', ...)`, `[pub, sub].forEach((c) => c.on('error', ...))`: one listener
 * attached to each client of a list literal that names this one.
 */
export function listenedThroughList(text: string, binding: string): boolean {
  if (!text.includes(binding) || !ERROR_LISTENER.test(text)) return false;
  NAME_LIST.lastIndex = 0;
  for (let match = NAME_LIST.exec(text); match; match = NAME_LIST.exec(text)) {
    if (!match[1].split(',').some((item) => item.trim() === binding)) continue;
    const before = text.slice(Math.max(0, match.index - 20), match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 200);
    const iterated = /\bof\s*$/.test(before) || /^\s*\.\s*(?:forEach|map)\s*\(/.test(after);
    if (iterated && ERROR_LISTENER.test(after)) return true;
  }
  return false;
}
