"""A small fixed-window rate limiter on the shared cache (Redis in production).

allauth limits its own forms; this is for ours (tracking lookups, filing without an
account). ``allow`` counts one attempt and says whether it is within the limit."""

from django.core.cache import cache


def allow(scope: str, key: str, *, limit: int, period: int) -> bool:
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.add(cache_key, 1, timeout=period)
        return True
    return count <= limit


def client_ip(request) -> str:
    # Behind a proxy the real address is set by the proxy (see USE_X_FORWARDED_PROTO).
    return request.META.get("REMOTE_ADDR", "")
