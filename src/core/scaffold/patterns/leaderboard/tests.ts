/** Generated pytest / vitest files for the leaderboard. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function leaderboardPythonTest(): string {
  return `${pythonTestPreamble('leaderboard', 'Leaderboard', 'leaderboard', { time: false })}

def test_ranks_pages_and_neighbours(client, prefix):
    board = Leaderboard(client, "weekly", prefix=prefix)
    for index in range(10):
        board.add(f"player-{index}", index * 10)
    assert [entry.member for entry in board.top(3)] == ["player-9", "player-8", "player-7"]
    assert board.rank("player-9") == 0
    assert board.rank("nobody") is None
    assert [(entry.member, entry.rank) for entry in board.page(1, page_size=3)] == [("player-6", 3), ("player-5", 4), ("player-4", 5)]
    assert [entry.member for entry in board.around("player-5", radius=1)] == ["player-6", "player-5", "player-4"]
    assert [entry.rank for entry in board.around("player-9", radius=2)] == [0, 1, 2]
    assert board.around("nobody") == []


def test_concurrent_increments_are_not_lost(client, prefix):
    board = Leaderboard(client, "clicks", prefix=prefix)
    run_concurrently(10, lambda index: [board.increment("ada", 1) for _ in range(10)])
    assert board.score("ada") == 100


def test_max_members_keeps_the_best(client, prefix):
    board = Leaderboard(client, "bounded", prefix=prefix, max_members=3)
    for index in range(6):
        board.add(f"player-{index}", index)
    assert board.size() == 3
    assert [entry.member for entry in board.top(10)] == ["player-5", "player-4", "player-3"]
`;
}

export function leaderboardTypescriptTest(): string {
  return `${typescriptTestPreamble('leaderboard', 'Leaderboard', 'leaderboard')}
describe('Leaderboard', () => {
  it('ranks, pages and finds neighbours', async () => {
    const board = new Leaderboard(redis, 'weekly', { prefix });
    for (let i = 0; i < 10; i++) await board.add('player-' + i, i * 10);
    expect((await board.top(3)).map((entry) => entry.member)).toEqual(['player-9', 'player-8', 'player-7']);
    expect(await board.rank('player-9')).toBe(0);
    expect(await board.rank('nobody')).toBeNull();
    expect((await board.page(1, 3)).map((entry) => [entry.member, entry.rank])).toEqual([['player-6', 3], ['player-5', 4], ['player-4', 5]]);
    expect((await board.around('player-5', 1)).map((entry) => entry.member)).toEqual(['player-6', 'player-5', 'player-4']);
    expect((await board.around('player-9', 2)).map((entry) => entry.rank)).toEqual([0, 1, 2]);
    expect(await board.around('nobody')).toEqual([]);
  });

  it('does not lose concurrent increments', async () => {
    const board = new Leaderboard(redis, 'clicks', { prefix });
    await Promise.all(Array.from({ length: 100 }, () => board.increment('ada', 1)));
    expect(await board.score('ada')).toBe(100);
  });

  it('keeps only the best maxMembers', async () => {
    const board = new Leaderboard(redis, 'bounded', { prefix, maxMembers: 3 });
    for (let i = 0; i < 6; i++) await board.add('player-' + i, i);
    expect(await board.size()).toBe(3);
    expect((await board.top(10)).map((entry) => entry.member)).toEqual(['player-5', 'player-4', 'player-3']);
  });
});
`;
}
