/** keys-command at calls of a project class's keys() method that runs KEYS, made on an instance named after the class. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const SESSION_STORE = {
  path: 'src/store/session-store.service.ts',
  text: [
    "import Redis from 'ioredis';",
    '',
    'export class SessionStoreService {',
    '  constructor(private readonly redis: Redis) {}',
    '',
    '  keys(owner: string) {',
    '    return this.redis.keys(`${owner}:*`);',
    '  }',
    '',
    '  drop(key: string) {',
    '    return this.redis.del(key);',
    '  }',
    '}',
    '',
  ].join('\n'),
};

function keysLines(file: { path: string; text: string }): number[] {
  const workspace = buildWorkspaceIndex(parsers, [SESSION_STORE, file]);
  const result = reviewSource(parsers, file.text, { path: file.path, language: 'typescript', workspace });
  return result.findings.filter((f) => f.ruleId === 'keys-command').map((f) => f.span.start.line + 1);
}

describe('keys() of a project class that runs KEYS', () => {
  it('reports the call on an instance named after the class, in a file that never names Redis', () => {
    const login = {
      path: 'src/login/login.service.ts',
      text: [
        "import { SessionStoreService } from '../store/session-store.service';",
        '',
        'export class LoginService {',
        '  constructor(private readonly sessionStoreService: SessionStoreService) {}',
        '',
        '  async signIn(userId: string) {',
        '    const open = await this.sessionStoreService.keys(userId);',
        '    return open.length;',
        '  }',
        '}',
        '',
      ].join('\n'),
    };
    expect(keysLines(login)).toEqual([7]);
  });

  it('leaves Object.keys, lodash keys and keys() of other receivers alone', () => {
    const other = {
      path: 'src/login/profile.service.ts',
      text: [
        "import _ from 'lodash';",
        "import { SessionStoreService } from '../store/session-store.service';",
        '',
        'export class ProfileService {',
        '  constructor(private readonly sessions: SessionStoreService, private readonly fields: Map<string, string>) {}',
        '',
        '  describe(profile: Record<string, string>, userId: string) {',
        '    const names = Object.keys(profile);',
        '    const more = _.keys(profile);',
        '    const local = [...this.fields.keys()];',
        '    return [names, more, local, this.sessions.drop(userId)];',
        '  }',
        '}',
        '',
      ].join('\n'),
    };
    expect(keysLines(other)).toEqual([]);
  });

  it('needs the workspace that defines the class: a file reviewed on its own, or among other classes, reports nothing', () => {
    const text = ['import { SessionStoreService } from "../store/session-store.service";', '', 'export async function open(sessionStoreService: SessionStoreService, userId: string) {', '  return sessionStoreService.keys(userId);', '}', ''].join('\n');
    const file = { path: 'src/login/open.ts', text };
    expect(reviewSource(parsers, text, { path: file.path, language: 'typescript' }).findings.filter((f) => f.ruleId === 'keys-command')).toEqual([]);
    const elsewhere = buildWorkspaceIndex(parsers, [{ ...SESSION_STORE, text: SESSION_STORE.text.replace('keys(owner', 'members(owner') }, file]);
    expect(reviewSource(parsers, text, { path: file.path, language: 'typescript', workspace: elsewhere }).findings.filter((f) => f.ruleId === 'keys-command')).toEqual([]);
    expect(keysLines(file)).toEqual([4]);
  });
});
