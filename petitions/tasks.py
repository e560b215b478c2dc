"""Background work for petitions: sending the notification outbox, and the work new
petitions leave (their search documents, their first notifications), gathered.

Tasks take primary keys and call a service; they are idempotent (a sent row is skipped)
and retry with back-off while the mail server or SMS gateway is down.
"""

from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from core.sms import send_sms
from petitions import selectors, services
from petitions.models import Petition
from search.documents import PETITION
from search.services import index_queue


@shared_task(bind=True, name="petitions.send_notification", max_retries=services.MAX_SEND_ATTEMPTS)
def send_notification(self, notification_id: int) -> str:
    result = services.notification_send(notification_id=notification_id)
    if result is services.Delivery.RETRY:
        raise self.retry(countdown=min(60 * 2**self.request.retries, 3600))
    return result.value


@shared_task(bind=True, name="petitions.send_events", max_retries=services.MAX_SEND_ATTEMPTS)
def send_events(self, event_ids: list[int]) -> list[str]:
    """Send every pending outbox row of these events (e-mail and SMS). Rows already sent
    are skipped, so a retry, or a message delivered twice, sends nothing twice."""
    return _send_events(self, event_ids)


@shared_task(name="petitions.relay_filed")
def relay_filed(items: list[str] | None = None) -> int:
    """The work new petitions leave after commit, gathered in ``services.FILED`` so that
    busy minutes share messages (core.batching): queue their search documents and send
    what their events owe, a chunk of events per task. Beat also runs it every minute."""
    items = services.FILED.take() if items is None else items
    petition_ids, event_ids = services.filed_items_parse(items)
    index_queue(PETITION, petition_ids)
    services.events_send_queue(event_ids)
    return len(items)


def _send_events(task, event_ids: list[int]) -> list[str]:
    results = [
        services.notification_send(notification_id=notification_id)
        for event_id in event_ids
        for notification_id in selectors.notifications_of_event(event_id)
    ]
    if services.Delivery.RETRY in results:
        raise task.retry(countdown=min(60 * 2**task.request.retries, 3600))
    return [result.value for result in results]


@shared_task(name="petitions.flush_notifications")
def flush_notifications() -> int:
    """Queue outbox rows still pending a while after their event (the broker was down, or
    a worker died): the periodic safety net behind ``send_notification``."""
    ids = selectors.notifications_pending(older_than=timezone.now() - timedelta(minutes=2))
    for notification_id in ids:
        send_notification.delay(notification_id)
    return len(ids)


@shared_task(
    name="petitions.send_confirmation",
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def send_confirmation(petition_id: int, code: str) -> None:
    """Send the one-time code and link of a petition filed without an account."""
    petition = Petition.objects.filter(pk=petition_id).first()
    if petition is None:
        return
    subject, body, text = services.confirmation_message(petition, code)
    if petition.contact_email:
        send_mail(subject, body, None, [petition.contact_email])
    if petition.contact_phone:
        send_sms(petition.contact_phone, text)


@shared_task(name="petitions.close_after_dispute_period")
def close_after_dispute_period() -> int:
    return services.petitions_close_after_dispute_period()


@shared_task(name="petitions.discard_abandoned_attachments")
def discard_abandoned_attachments() -> int:
    """Photos and papers of drafts never sent are deleted after a day."""
    return services.attachments_discard_abandoned(older_than=timezone.now() - timedelta(days=1))


@shared_task(name="petitions.discard_unconfirmed")
def discard_unconfirmed() -> int:
    """Submissions nobody confirmed within a week are deleted with their personal data."""
    return services.petitions_discard_unconfirmed(older_than=timezone.now() - timedelta(days=7))


@shared_task(name="petitions.recompute_deadlines")
def recompute_deadlines() -> int:
    return services.petitions_recompute_deadlines()


@shared_task(name="petitions.deadline_digest")
def deadline_digest() -> dict:
    """Each morning: mark cases nearly overdue and overdue, then send each assignee and
    each council lead one digest."""
    from petitions.services import triage

    today = timezone.localdate()
    counts = triage.petitions_mark_deadlines(today=today)
    sent = 0
    for user, (petitions, commitments) in selectors.deadline_digests().items():
        sent += triage.deadline_digest_send(
            user=user, petitions=petitions, commitments=commitments, today=today
        )
    return {**counts, "digests": sent}
