/** The Analysis tab's requests as the host validates them: the method choice is one of two words, nothing else. */
import { describe, expect, it } from 'vitest';
import '../../../src/shared/analysisProtocol';
import { ProtocolError, parseWebviewMessage } from '../../../src/shared/protocolValidation';

const request = (method: string, params: unknown) => ({ kind: 'request', id: 3, method, params });

describe('runMemoryAnalysis params', () => {
  it.each(['live', 'snapshot'])('accepts the %s method', (method) => {
    expect(parseWebviewMessage(request('runMemoryAnalysis', { method }))).toEqual({ kind: 'request', id: 3, method: 'runMemoryAnalysis', params: { method } });
  });

  it.each([
    ['no method (the webview always says which)', {}],
    ['an unknown method', { method: 'rdb' }],
    ['a method that is not a string', { method: 1 }],
    ['a method named after an Object property', { method: 'toString' }],
    ['a stray field (a URL or address never comes from the webview)', { method: 'snapshot', url: 'redis://10.0.0.1:6379' }],
    ['params that are not an object', 'snapshot'],
  ])('refuses %s', (_what, params) => {
    expect(() => parseWebviewMessage(request('runMemoryAnalysis', params))).toThrow(ProtocolError);
  });

  it('names the field and the allowed values in the refusal', () => {
    expect(() => parseWebviewMessage(request('runMemoryAnalysis', { method: 'rdb' }))).toThrow('params.method: expected one of live, snapshot');
  });
});
