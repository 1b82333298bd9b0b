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
