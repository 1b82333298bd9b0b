/**
 * command-in-loop through a project instance another module creates and exports under its class's name: the looping
 * file imports the instance (`import { roomStore } from './stores'`), never the class.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceLanguage } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

interface Source {
  path: string;
  text: string;
}

function loopLines(sources: Source[], path: string, language: SourceLanguage): number[] {
  const workspace = buildWorkspaceIndex(parsers, sources);
  const file = sources.find((s) => s.path === path)!;
  return reviewSource(parsers, file.text, { path, language, workspace })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const TS_STORE = {
  path: 'src/stores/deckStore.ts',
  text: "import Redis from 'ioredis';\n\nexport class DeckStore {\n  constructor(private readonly client: Redis) {}\n\n  async cardsOf(deckId: string): Promise<string[]> {\n    return this.client.hmget(`deck:${deckId}`, 'front', 'back');\n  }\n}\n",
};
const TS_STORES = {
  path: 'src/stores/index.ts',
  text: "import Redis from 'ioredis';\nimport { DeckStore } from './deckStore';\n\nconst client = new Redis();\nclient.on('error', console.error);\nexport const deckStore = new DeckStore(client);\n",
};

// The module holds its client at module level, as such modules do: a file importing from it may use Redis.
const PY_STORE = {
  path: 'game/stores.py',
  text: 'import redis\n\nclient = redis.Redis()\n\n\nclass ScoreBoard:\n    def __init__(self, client):\n        self.client = client\n\n    def score_of(self, player):\n        return self.client.zscore("board", player)\n\n\nscore_board = ScoreBoard(client)\n',
};

describe('command-in-loop through an imported instance named after its class', () => {
  it('reports a TS loop awaiting the method per item, also in a closure and in a loop stepping over pairs', () => {
    const handler = {
      path: 'src/handlers/decks.ts',
      text: "import { deckStore } from '../stores';\n\nexport async function decks(ids: string[]) {\n  const load = async () => {\n    const out = [];\n    for (const id of ids) {\n      out.push(await deckStore.cardsOf(id));\n    }\n    return out;\n  };\n  return load();\n}\n\nexport async function pairs(flat: string[]) {\n  const out = [];\n  for (let i = 0; i < flat.length; i += 2) {\n    out.push(await deckStore.cardsOf(flat[i]));\n  }\n  return out;\n}\n",
    };
    expect(loopLines([TS_STORE, TS_STORES, handler], handler.path, 'typescript')).toEqual([7, 17]);
  });

  it('reports a Python comprehension calling the method of an imported snake_case instance', () => {
    const view = { path: 'game/views.py', text: 'from game.stores import score_board\n\n\ndef scores(players):\n    return [score_board.score_of(p) for p in players]\n' };
    expect(loopLines([PY_STORE, view], view.path, 'python')).toEqual([5]);
  });

  it('stays quiet for an imported instance of another name, and for a same-named local the file does not import', () => {
    const otherName = { path: 'game/other.py', text: 'from game.stores import score_board as board\n\n\ndef scores(players):\n    return [board.score_of(p) for p in players]\n' };
    expect(loopLines([PY_STORE, otherName], otherName.path, 'python')).toEqual([]);
    const parameter = {
      path: 'src/handlers/local.ts',
      text: 'export async function decks(deckStore: { cardsOf(id: string): Promise<string[]> }, ids: string[]) {\n  const out = [];\n  for (const id of ids) out.push(await deckStore.cardsOf(id));\n  return out;\n}\n',
    };
    expect(loopLines([TS_STORE, TS_STORES, parameter], parameter.path, 'typescript')).toEqual([]);
  });
});
