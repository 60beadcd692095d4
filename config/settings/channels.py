"""Channel layer and cache: in memory by default, Redis when REDIS_URL is set.

The login rate limits live in the cache, so with several ASGI processes the
cache must be shared: REDIS_URL switches both at once.
"""

from .env import env_str

REDIS_URL = env_str("REDIS_URL", "")
# Messages a socket may have waiting before the layer drops new ones (the default, 100, drops live
# deliveries as soon as a busy conversation outpaces one slow socket; clients resume from their last seq).
CHANNEL_CAPACITY = 1000

if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env_str("REDIS_PREFIX", "passerelle"),
                "capacity": CHANNEL_CAPACITY,
            },
        }
    }
    CACHES = {
        "default": {
            # RedisCache that falls back on a memory cache of the process while Redis is down (no 500s).
            "BACKEND": "config.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("REDIS_PREFIX", "passerelle"),
            # A Redis that hangs must not hang the page: a second, then the fallback.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": CHANNEL_CAPACITY}}
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
