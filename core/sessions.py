"""The session engine with Redis (settings.SESSION_ENGINE): Django's cached_db, whose
update of an existing session is one UPDATE instead of BEGIN, UPDATE, COMMIT.

Django wraps every database save of a session in ``transaction.atomic`` so that a failed
insert of a new key can be told apart and retried. An update of an existing row needs no
transaction of its own: the single statement is atomic, and a session deleted meanwhile
(signed out elsewhere) updates no row and is reported as Django reports it (UpdateError).
Two round trips fewer on every request that changes its session, filing included.
"""

from django.contrib.sessions.backends import cached_db, db
from django.contrib.sessions.backends.base import UpdateError
from django.db import router


class _UpdateInPlace(db.SessionStore):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        row = self.create_model_instance(self._get_session())
        using = router.db_for_write(self.model, instance=row)
        updated = (
            self.model.objects.using(using)
            .filter(session_key=row.session_key)
            .update(session_data=row.session_data, expire_date=row.expire_date)
        )
        if not updated:
            raise UpdateError


class SessionStore(cached_db.SessionStore, _UpdateInPlace):
    """cached_db (database, then the cache) over the single-statement update."""
