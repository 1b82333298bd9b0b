"""Leaderboard: concurrent increments from 10 connections, ranks, pages, neighbours and the size cap."""
from leaderboard import Leaderboard
from scaffold_driver import connect, prefix, report, run_concurrently

PREFIX = prefix("leaderboard")
clients = [connect() for _ in range(10)]
boards = [Leaderboard(client, "weekly", prefix=PREFIX) for client in clients]
run_concurrently(10, lambda index: [boards[index].increment(f"player-{member}", member + 1) for member in range(20)])
board = boards[0]
capped = Leaderboard(clients[0], "capped", prefix=PREFIX, max_members=5)
for member in range(12):
    capped.add(f"p{member}", member)


def rows(entries):
    return [[entry.member, entry.score, entry.rank] for entry in entries]


report(
    {
        "top3": rows(board.top(3)),
        "rankOfLeader": board.rank("player-19"),
        "rankMissing": board.rank("nobody"),
        "page2": rows(board.page(2, page_size=4)),
        "around": rows(board.around("player-10", radius=2)),
        "aroundLeader": rows(board.around("player-19", radius=2)),
        "aroundMissing": rows(board.around("nobody")),
        "size": board.size(),
        "cappedSize": capped.size(),
        "cappedTop": rows(capped.top(10)),
        "removed": board.remove("player-0"),
        "sizeAfterRemove": board.size(),
    }
)
