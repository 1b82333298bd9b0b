/**
 * missing-error-listener on a listener attached for each name of a list of events that includes 'error'
 * (`events.forEach((e) => client.on(e, log))`, lodash's `map(events, ...)`, `for (const e of events)`), paired
 * with lists that leave 'error' out and a loop that attaches the listeners to another client.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function listenerLines(text: string): number[] {
  return findingLines.inFile('missing-error-listener', { path: 'src/services/redis.js', text: text });
}

const CLIENT = "import Redis from 'ioredis';\nimport lodash from 'lodash';\n\nconst client = new Redis({ port: 6379 });\n";

describe('missing-error-listener: listeners attached over a list of event names', () => {
  it("does not report a client whose listeners come from lodash.map over a list naming 'error'", () => {
    expect(listenerLines(CLIENT + "const events = ['connect', 'ready', 'error', 'close'];\nlodash.map(events, (event) => client.on(event, () => console.log(`redis ${event}`)));\nexport default client;\n")).toEqual([]);
  });

  it('does not report listeners from forEach over an inline list or for-of over a named one', () => {
    expect(listenerLines(CLIENT + "['error', 'end'].forEach((name) => client.on(name, (e) => console.warn(name, e)));\nexport default client;\n")).toEqual([]);
    expect(listenerLines(CLIENT + "const names = [\"reconnecting\", \"error\"];\nfor (const n of names) client.on(n, console.warn);\nexport default client;\n")).toEqual([]);
  });

  it("still reports a client when the list leaves 'error' out", () => {
    expect(listenerLines(CLIENT + "const events = ['connect', 'ready', 'close'];\nevents.forEach((event) => client.on(event, () => console.log(event)));\nexport default client;\n")).toEqual([4]);
  });

  it('still reports a client when the listeners of the list go to another emitter', () => {
    expect(listenerLines(CLIENT + "const events = ['error', 'close'];\nevents.forEach((event) => process.on(event, () => console.log(event)));\nclient.on(someName, console.log);\nexport default client;\n")).toEqual([4]);
  });
});
