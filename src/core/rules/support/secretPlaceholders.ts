/**
 * Values that stand in for a password rather than being one: template holes (`${REDIS_PASSWORD}`, `<password>`,
 * `%(pw)s`, `{{ pw }}`), masks (`***`, `xxx`, `...`) and the word itself (`"password"`, `"your_password"`,
 * `"changeme"`). Sample code and wiring written against a real server fill these in from configuration, so a
 * reviewer reads them as "put the secret here", not as a secret that leaked.
 */
const TEMPLATE_OR_MASK = /^(\$\{.*\}|\$\w+|<.*>|%\(.*\)s|%s|\{\{.*\}\}|\{.*\}|\*+|x+|\.\.\.)$/i;
const THE_WORD_ITSELF = /^(?:(?:your|my|redis|the)[-_ ]?)*(?:password|passwd|pwd|pass|secret)(?:[-_ ]?here)?$|^change[-_ ]?me$/i;

/** The literal is a placeholder for a password, not a password. Quotes around it are ignored. */
export function isSecretPlaceholder(value: string): boolean {
  const bare = value.replace(/^["'`]|["'`]$/g, '').trim();
  return TEMPLATE_OR_MASK.test(bare) || THE_WORD_ITSELF.test(bare);
}

/** A variable or setting named for a Redis password (`REDIS_PASSWORD`, `redis_pwd`, `redisPassword`, `RedisAuthPass`). */
export const REDIS_PASSWORD_NAME = /^(?:[\w$]*?_)?redis_?(?:auth_?)?(?:password|passwd|pwd|pass)$|^redis(?:Auth)?(?:Password|Passwd|Pwd|Pass)$/i;

/** Every name REDIS_PASSWORD_NAME takes contains this: a file without it names no Redis password. */
export const REDIS_PASSWORD_WORD = /redis_?(?:auth_?)?(?:pass|pwd)/i;
