"""Session and cache helpers of a FastAPI service (a realistic sample with Redis mistakes to review)."""
import json
import os

import redis
from fastapi import FastAPI

app = FastAPI()
r = redis.Redis(host=os.environ.get("REDIS_HOST", "localhost"), port=6379, decode_responses=True)


@app.get("/sessions/active")
def active_sessions():
    # KEYS walks the whole keyspace and blocks the server while it does.
    keys = r.keys("session:*")
    return {"count": len(keys)}


@app.post("/sessions/{session_id}")
def save_session(session_id: str, payload: dict):
    r.hset(f"session:{session_id}", mapping=payload)
    r.expire(f"session:{session_id}", 1800)
    return {"ok": True}


def cache_profile(user_id: str, profile: dict) -> None:
    r.set(f"cache:profile:{user_id}", json.dumps(profile))
    r.expire(f"cache:profile:{user_id}", 300)


def load_feed(user_id: str) -> list:
    return r.lrange(f"feed:{user_id}", 0, -1)


def clear_everything() -> None:
    r.flushall()


def settings_keys() -> list:
    config = {"a": 1, "b": 2}
    # A dict's keys() is not Redis: never flagged.
    return list(config.keys())
