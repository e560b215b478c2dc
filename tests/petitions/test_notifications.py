"""The notification outbox: written with the event, sent after commit, once."""

import pytest
from django.core import mail
from django.core.cache import cache

from config.celery import app
from core import sms
from core.batching import Batch
from petitions.choices import Channel, DeliveryStatus, Status
from petitions.models import Notification, Petition
from petitions.services import (
    FILED,
    Delivery,
    filed_items_parse,
    notification_send,
    petition_transition,
)
from petitions.tasks import flush_notifications, relay_filed
from search.documents import PETITION
from search.models import SearchDocument
from search.services import index_catch_up
from tests.i18n import vi
from tests.services import require

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


def test_filing_sends_a_vietnamese_e_mail_after_commit(
    file_petition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        petition = file_petition()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lan@example.vn"]
    assert petition.display_code in message.subject
    assert vi("received") in message.subject
    assert f"/kien-nghi/{petition.tracking_code}/" in message.body
    assert Notification.objects.get().status == DeliveryStatus.SENT


def test_filing_leaves_one_item_for_the_relay(file_petition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        petition = file_petition()
    assert len(callbacks) == 1  # notifications and re-indexing travel as one relay item

    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
    assert len(mail.outbox) == 1
    assert SearchDocument.objects.filter(kind=PETITION, object_id=str(petition.pk)).exists()


@pytest.mark.redis
def test_busy_filings_share_one_relay_message(
    file_petition, django_capture_on_commit_callbacks, monkeypatch
):
    require("redis")
    client = cache.redis_client()
    # The first filing's relay run is queued and has not started (a countdown): the next
    # filings only join its list.
    relay = app.tasks["petitions.relay_filed"]
    queued = []
    monkeypatch.setattr(relay, "apply_async", lambda **options: queued.append(options))
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third = (file_petition(title=f"Kiến nghị số {n}") for n in range(3))
    assert queued == [{"countdown": FILED.countdown}]  # one message for the three
    assert mail.outbox == []
    assert client.llen(FILED._key()) == 3
    monkeypatch.undo()

    with django_capture_on_commit_callbacks(execute=True):
        assert relay_filed() == 3  # the queued run takes all three
    assert len(mail.outbox) == 3
    indexed = SearchDocument.objects.filter(kind=PETITION).values_list("object_id", flat=True)
    assert set(indexed) >= {str(p.pk) for p in (first, second, third)}
    assert client.llen(FILED._key()) == 0

    with django_capture_on_commit_callbacks(execute=True):
        file_petition()  # the list was empty again: this one publishes (inline here)
    assert len(mail.outbox) == 4
    assert relay_filed() == 0  # beat's minutely run finds nothing left


@pytest.mark.redis
def test_a_run_hands_what_it_cannot_take_to_the_next(monkeypatch):
    require("redis")
    client = cache.redis_client()
    batch = Batch("test-take", "petitions.relay_filed", take_at_most=2)
    client.delete(batch._key())
    client.rpush(batch._key(), "1:", "2:", "3:")
    relay = app.tasks["petitions.relay_filed"]
    queued = []
    monkeypatch.setattr(relay, "apply_async", lambda **options: queued.append(options))
    assert batch.take() == ["1:", "2:"]
    assert queued == [{}]  # the third item's run, published at once
    assert batch.take() == ["3:"] and queued == [{}]
    assert batch.take() == []


def test_relay_items_name_petitions_and_their_events():
    assert filed_items_parse(["12:3,4", "13:", "14:5"]) == ([12, 13, 14], [3, 4, 5])


def test_a_phone_contact_gets_an_sms(file_petition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        petition = file_petition(contact_phone="0912345678")
    assert sms.outbox == [("0912345678", sms.outbox[0][1])]
    assert petition.display_code in sms.outbox[0][1]
    assert set(Notification.objects.values_list("channel", flat=True)) == {
        Channel.EMAIL,
        Channel.SMS,
    }


def test_a_notification_delivered_twice_is_sent_once(file_petition):
    petition = file_petition()  # on_commit not run: the row is pending
    notification = Notification.objects.get(event__petition=petition)
    assert notification_send(notification_id=notification.pk) is Delivery.SENT
    assert notification_send(notification_id=notification.pk) is Delivery.NOTHING_TO_DO
    assert len(mail.outbox) == 1


def test_internal_events_and_muted_petitions_send_nothing(file_petition):
    petition = file_petition()
    Notification.objects.all().delete()
    petition_transition(petition=petition, to=Status.ACCEPTED, is_public=False)
    assert not Notification.objects.exists()
    Petition.objects.filter(pk=petition.pk).update(notify=False)
    petition_transition(petition=petition, to=Status.IN_PROGRESS)
    assert not Notification.objects.exists()


def test_mail_server_down_keeps_the_message_for_later(file_petition, settings):
    petition = file_petition()
    notification = Notification.objects.get(event__petition=petition)
    # A real SMTP connection to a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2

    assert notification_send(notification_id=notification.pk) is Delivery.RETRY
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (DeliveryStatus.PENDING, 1)
    assert "Error" in notification.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_send(notification_id=notification.pk) is Delivery.SENT
    assert len(mail.outbox) == 1


@pytest.fixture
def broker_down():
    """Point Celery at a Redis port where nothing listens (a real failed connection)."""
    keys = ("task_always_eager", "broker_url", "task_publish_retry", "broker_connection_retry")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        task_always_eager=False,
        broker_url="redis://127.0.0.1:9/0",
        task_publish_retry=False,
        broker_connection_retry=False,
    )
    _forget_connections()
    yield
    app.pool.force_close_all()  # the pool to the dead port
    app.conf.update(saved)
    _forget_connections()


def _forget_connections():
    # Celery caches its connection pools per app; make it build them from the new URL.
    app._pool = None
    app.amqp._producer_pool = None


def test_broker_down_loses_nothing(file_petition, django_capture_on_commit_callbacks, broker_down):
    with django_capture_on_commit_callbacks(execute=True):
        petition = file_petition()

    assert Petition.objects.filter(pk=petition.pk, status=Status.RECEIVED).exists()
    assert Notification.objects.get().status == DeliveryStatus.PENDING
    assert mail.outbox == []

    # The outage ends; beat's safety net queues what is left (inline here).
    app.conf.update(task_always_eager=True)
    Notification.objects.update(created_at=petition.submitted_at.replace(year=2020))
    assert flush_notifications() == 1
    assert Notification.objects.get().status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1
    # … and the search catch-up indexes what the lost message would have.
    assert not SearchDocument.objects.filter(object_id=str(petition.pk)).exists()
    index_catch_up()
    assert SearchDocument.objects.filter(kind=PETITION, object_id=str(petition.pk)).exists()
