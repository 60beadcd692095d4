"""The shared cache on Redis, keeping the site up while Redis is down.

Why: the cache holds the sign-in throttling counters, the message rate limit and a few remembered answers (is
the second factor on, the skills taxonomy's version). With Redis down, every request touching it would fail
with a 500 although the database holds everything that matters. On a Redis error, the operation goes to a
memory cache of this process instead and a warning is logged (at most once a minute per process): throttling
goes on per process, remembered answers are computed again, and Redis takes over again as soon as it answers.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARN_EVERY_SECONDS = 60
# The operations the site uses; each one falls back on its own.
OPERATIONS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "incr",
    "decr",
    "delete",
    "delete_many",
    "has_key",
    "touch",
    "clear",
)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback = LocMemCache(f"redis-fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._warned_at = 0.0

    def _redis_failed(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning("cache: Redis failed (%s: %r); this process uses its own memory meanwhile", operation, error)


def _falling_back(operation: str):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, operation)(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            self._redis_failed(operation, error)
            return getattr(self._fallback, operation)(*args, **kwargs)

    method.__name__ = operation
    return method


for _operation in OPERATIONS:
    setattr(ResilientRedisCache, _operation, _falling_back(_operation))
