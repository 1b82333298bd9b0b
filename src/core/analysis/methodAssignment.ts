/**
 * Whether a text assigns a function to `receiver.method` (`module.flushdb = async function () {...}`,
 * `client.get = (key) => cache[key]`): that method is the project's own code, not the client's command.
 */

/** What follows `receiver.method` in such an assignment; sticky, so it is matched where it is placed. */
const FUNCTION_ASSIGNMENT_TAIL = /\s*=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/y;

/**
 * Each occurrence of the literal `receiver.method` is found with indexOf and the assignment after it matched in
 * place. (A regex built from the receiver's text and run over the whole file cost a compile per receiver and a
 * match attempt at every character; it was the costliest step of judging an untraced receiver.)
 */
export function assignsFunctionTo(text: string, receiver: string, method: string): boolean {
  const target = `${receiver}.${method}`;
  for (let at = text.indexOf(target); at >= 0; at = text.indexOf(target, at + 1)) {
    FUNCTION_ASSIGNMENT_TAIL.lastIndex = at + target.length;
    if (FUNCTION_ASSIGNMENT_TAIL.test(text)) return true;
  }
  return false;
}
