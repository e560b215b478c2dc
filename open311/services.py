"""Writes of the Open311 API: issuing and revoking partner keys, and submitting a
petition for a partner's resident (through ``petitions.services.petition_submit``, so it
is routed and tracked exactly like one filed on the web form)."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.models import Council, Ward
from open311.models import ApiKey, SubmissionToken
from petitions import services as petition_services
from petitions.choices import Source
from petitions.models import Petition, Topic

KEY_PREFIX_LENGTH = 8


def key_hash(raw_key: str) -> str:
    """Keys are 256-bit random strings, so a plain SHA-256 is enough (no slow hash needed)."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


@transaction.atomic
def api_key_issue(
    *,
    name: str,
    created_by: User | None = None,
    contact_email: str = "",
    is_trusted: bool = False,
    hourly_limit: int = 100,
) -> tuple[ApiKey, str]:
    """A new key: returns the row and the key itself, which is never stored or shown again."""
    raw_key = secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(
        name=name.strip(),
        contact_email=contact_email.strip().lower(),
        prefix=raw_key[:KEY_PREFIX_LENGTH],
        key_hash=key_hash(raw_key),
        is_trusted=is_trusted,
        hourly_limit=hourly_limit,
        created_by=created_by,
    )
    return api_key, raw_key


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    """The key stops working at once; the row stays, for the petitions it submitted."""
    api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if api_key.is_active:
        api_key.is_active = False
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["is_active", "revoked_at"])
    return api_key


def api_key_authenticate(raw_key: str) -> ApiKey | None:
    """The active key matching ``raw_key``, stamped as used; None for anything else."""
    if not raw_key or len(raw_key) > 200:
        return None
    api_key = ApiKey.objects.filter(key_hash=key_hash(raw_key), is_active=True).first()
    if api_key is not None:
        now = timezone.now()
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key


@transaction.atomic
def request_submit(
    *,
    api_key: ApiKey,
    council: Council,
    topic: Topic,
    ward: Ward,
    **submission: str,
) -> tuple[Petition, SubmissionToken | None]:
    """File a petition for a partner's resident, to ``council`` (the jurisdiction named);
    ``submission``: title, description, contact_name/_email/_phone and location, as
    ``petition_submit`` takes them.

    A trusted partner vouches for the contact: the petition goes to the council at once.
    Otherwise it waits, unconfirmed, and the resident gets the same one-time code as on
    the web form; the partner gets a token to follow it."""
    routing = petition_services.petition_route(ward=ward, topic=topic)
    if routing.council.pk != council.pk:
        raise ValidationError(
            _("Petitions about this topic in this ward go to %(council)s."),
            params={"council": routing.council.name},
        )
    petition = petition_services.petition_submit(
        ward=ward, topic=topic, source=Source.API, **submission
    )
    if api_key.is_trusted:
        petition = petition_services.petition_confirm(petition=petition, routing=routing)
        return petition, None
    petition_services.petition_send_confirmation(petition=petition)
    token = SubmissionToken.objects.create(
        token=secrets.token_hex(16), petition=petition, api_key=api_key
    )
    return petition, token
