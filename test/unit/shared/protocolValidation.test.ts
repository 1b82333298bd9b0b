/** The host's run-time validation of webview messages: well-formed requests pass, anything else is refused. */
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../src/shared/protocol';
import { ProtocolError, parseWebviewMessage, requestIdOf } from '../../../src/shared/protocolValidation';

const request = (method: string, params: unknown, extra: Record<string, unknown> = {}) => ({ kind: 'request', id: 7, method, params, ...extra });

describe('parseWebviewMessage', () => {
  it('accepts the ready handshake of the current protocol version only', () => {
    expect(parseWebviewMessage({ kind: 'ready', protocolVersion: PROTOCOL_VERSION })).toEqual({ kind: 'ready', protocolVersion: PROTOCOL_VERSION });
    expect(() => parseWebviewMessage({ kind: 'ready', protocolVersion: PROTOCOL_VERSION + 1 })).toThrow(ProtocolError);
  });

  it('accepts valid requests and returns only the known fields', () => {
    const parsed = parseWebviewMessage(request('scanKeys', { pattern: 'user:*', type: 'hash', want: 1000 }));
    expect(parsed).toEqual({ kind: 'request', id: 7, method: 'scanKeys', params: { pattern: 'user:*', type: 'hash', want: 1000 } });
    expect(parseWebviewMessage(request('editKey', { key: 'tuser:1', edit: { op: 'hashSet', field: 'tname', value: 'bAAE=' } })).kind).toBe('request');
    expect(parseWebviewMessage(request('stats', {})).kind).toBe('request');
  });

  it.each([
    ['not an object', 'hello'],
    ['unknown kind', { kind: 'response', id: 1 }],
    ['unknown method', request('flushAll', {})],
    ['a prototype method name', request('toString', {})],
    ['missing params', request('keySummary', undefined)],
    ['an extra envelope field', request('stats', {}, { sneaky: true })],
    ['an extra params field', request('stats', { command: 'FLUSHALL' })],
    ['a key that is not wire bytes', request('keySummary', { key: 'user:1' })],
    ['bad base64 in wire bytes', request('keySummary', { key: 'b***' })],
    ['want out of range', request('scanKeys', { pattern: '*', type: '', want: 10_000_000 })],
    ['an unknown edit', request('editKey', { key: 'tk', edit: { op: 'flushall' } })],
    ['an edit with a stray field', request('editKey', { key: 'tk', edit: { op: 'delete', command: 'FLUSHALL' } })],
    ['a non-finite score', request('editKey', { key: 'tk', edit: { op: 'zsetAdd', member: 'tm', score: Infinity } })],
    ['an empty stream entry', request('editKey', { key: 'tk', edit: { op: 'streamAdd', fields: [] } })],
    ['a zero TTL', request('editKey', { key: 'tk', edit: { op: 'expire', seconds: 0 } })],
    ['a zero field TTL (deleting is Remove, which is confirmed)', request('editKey', { key: 'tk', edit: { op: 'hashFieldExpire', field: 'tf', seconds: 0 } })],
    ['a field TTL without its field', request('editKey', { key: 'tk', edit: { op: 'hashFieldExpire', seconds: 60 } })],
    ['a field persist with a stray TTL', request('editKey', { key: 'tk', edit: { op: 'hashFieldPersist', field: 'tf', seconds: 60 } })],
    ['a fractional id', { kind: 'request', id: 1.5, method: 'stats', params: {} }],
  ])('refuses %s', (_what, message) => {
    expect(() => parseWebviewMessage(message)).toThrow(ProtocolError);
  });

  it('accepts setting and removing a hash field TTL', () => {
    for (const edit of [{ op: 'hashFieldExpire', field: 'tf', seconds: 60 }, { op: 'hashFieldPersist', field: 'bAAE=' }]) {
      expect(parseWebviewMessage(request('editKey', { key: 'tk', edit }))).toMatchObject({ params: { key: 'tk', edit } });
    }
  });

  it('keeps the id of a refused request so the host can answer it', () => {
    expect(requestIdOf(request('flushAll', {}))).toBe(7);
    expect(requestIdOf('x')).toBeUndefined();
  });
});
