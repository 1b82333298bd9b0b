/** Webview messages named after Object.prototype members ("constructor", "__proto__", ...) are refused, never dispatched. */
import { describe, expect, it } from 'vitest';
import { ProtocolError, parseWebviewMessage } from '../../../src/shared/protocolValidation';
import '../../../src/shared/analysisProtocol';

const request = (method: string, params: unknown) => ({ kind: 'request', id: 3, method, params });

describe('own-property checks in message validation', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', '__defineGetter__'])('refuses the edit op "%s"', (op) => {
    expect(() => parseWebviewMessage(request('editKey', { key: 'tk', edit: { op } }))).toThrow(ProtocolError);
  });

  it.each(['constructor', 'toString', '__proto__'])('refuses a params field named "%s"', (field) => {
    const params = JSON.parse(`{"key":"tk","${field}":1}`);
    expect(() => parseWebviewMessage(request('keySummary', params))).toThrow(ProtocolError);
  });

  it('refuses an openCodeLocation with a field that is not its own', () => {
    expect(() => parseWebviewMessage(request('openCodeLocation', { file: 'a.py', line: 1, column: 1, constructor: 'x' }))).toThrow(ProtocolError);
    expect(parseWebviewMessage(request('openCodeLocation', { file: 'a.py', line: 1, column: 1 })).kind).toBe('request');
  });
});
