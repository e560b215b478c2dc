"""Production: base settings, plus the values a deployment must provide.

Base is already secure by default; this file only refuses to start without the
services production runs on (README, "Production topology").
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# The SQLite file, inline tasks and an empty key are for one laptop, never for the public site.
for required in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL"):
    if not env(required, default=""):
        raise ImproperlyConfigured(f"Production needs {required} to be set.")
