"""Petitions (kiến nghị cử tri): topics, the competence matrix, petitions and their events.

Writes go through petitions/services.py; the status only through ``petition_transition``.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import CouncilLevel
from petitions.choices import (
    AttachmentKind,
    Channel,
    DeliveryStatus,
    EventKind,
    RejectReason,
    Satisfaction,
    Source,
    Status,
)


class Topic(models.Model):
    """What a petition is about; staff edit the list (Wagtail snippet)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(
        _("description"), max_length=255, blank=True, help_text=_("Examples shown to citizens.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered to citizens"), default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class CompetenceRule(models.Model):
    """Which council level is competent for a topic, and in how many working days it must
    answer. A rule with a province overrides the national default for that province."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="rules", verbose_name=_("topic")
    )
    province = models.ForeignKey(
        "core.Province",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="competence_rules",
        verbose_name=_("province/city"),
        help_text=_("Empty: the national default."),
    )
    council_level = models.CharField(
        _("competent council"), max_length=16, choices=CouncilLevel.choices
    )
    answer_working_days = models.PositiveSmallIntegerField(
        _("working days to answer"),
        help_text=_("Counted from receipt, on the working-day calendar."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["topic", "province"]
        verbose_name = _("competence rule")
        verbose_name_plural = _("competence rules")
        constraints = [
            models.UniqueConstraint(
                fields=["topic"],
                condition=Q(province__isnull=True),
                name="one_default_rule_per_topic",
            ),
            models.UniqueConstraint(
                fields=["topic", "province"],
                condition=Q(province__isnull=False),
                name="one_rule_per_topic_and_province",
            ),
            models.CheckConstraint(
                name="answer_days_positive", condition=Q(answer_working_days__gte=1)
            ),
        ]

    def __str__(self) -> str:
        where = self.province or _("nationwide")
        return f"{self.topic} · {where} → {self.get_council_level_display()}"


class Petition(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed at"))

    # What and where
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("topic")
    )
    ward = models.ForeignKey(
        "core.Ward",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name=_("ward/commune"),
    )
    location = models.CharField(_("place"), max_length=255, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)

    # Who: personal data, never public (show_name is the petitioner's own choice).
    petitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("petitioner account"),
    )
    contact_name = models.CharField(_("name"), max_length=150)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    show_name = models.BooleanField(_("show my name publicly"), default=False)
    notify = models.BooleanField(
        _("send me updates"), default=True, help_text=_("Switched off by the unsubscribe link.")
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.ONLINE
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions_filed_for_residents",
        verbose_name=_("filed by (digital ambassador)"),
    )
    consent_at = models.DateTimeField(_("resident's consent recorded at"), null=True, blank=True)
    # Filing without an account: a one-time code (stored as a keyed hash) confirms the contact.
    confirmation_hash = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_attempts = models.PositiveSmallIntegerField(default=0, editable=False)

    # Routing and the clock
    council = models.ForeignKey(
        "core.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("council"),
    )
    routing_rule = models.ForeignKey(
        CompetenceRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    answer_working_days = models.PositiveSmallIntegerField(_("working days to answer"), default=0)
    working_days_used = models.PositiveSmallIntegerField(default=0, editable=False)
    clock_started_on = models.DateField(null=True, blank=True, editable=False)
    deadline = models.DateField(_("deadline"), null=True, blank=True, db_index=True)

    # Outcomes
    reject_reason = models.CharField(
        _("reason"), max_length=24, choices=RejectReason.choices, blank=True
    )
    status_note = models.TextField(_("public note"), blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_petitions"
    )
    transfer_to = models.ForeignKey(
        "core.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_transfers",
    )
    transfer_return_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    dispute_until = models.DateField(_("may be disputed until"), null=True, blank=True)
    satisfaction = models.CharField(
        _("petitioner's rating"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    satisfaction_comment = models.TextField(_("petitioner's comment"), max_length=2000, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    # Staff publish a petition (its description, and the evidence they choose) for others
    # to read and support; until then only the status page exists.
    is_published = models.BooleanField(_("published"), default=False)
    cosigner_count = models.PositiveIntegerField(_("supporters"), default=0, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [models.Index(fields=["council", "status", "deadline"], name="petition_queue")]
        constraints = [
            models.CheckConstraint(
                name="petition_has_a_contact",
                condition=~Q(contact_email="", contact_phone="") | Q(petitioner__isnull=False),
            ),
            models.CheckConstraint(
                name="routed_unless_unconfirmed",
                condition=Q(status=Status.UNCONFIRMED) | Q(council__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} · {self.title}"

    @property
    def display_code(self) -> str:
        """ "KN-AB3D-EF4H-JK5M": grouped in fours for reading aloud over the phone."""
        code = self.tracking_code
        return f"KN-{code[:4]}-{code[4:8]}-{code[8:]}"


class PetitionEvent(models.Model):
    """One entry of a petition's timeline. Written once, never edited."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    is_public = models.BooleanField(default=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind} {self.from_status}→{self.to_status}"


class Notification(models.Model):
    """An outbox row: one message to the petitioner about one event, on one channel.

    Written in the same transaction as the event, so a broker or mail server that is down
    loses nothing; sent by a Celery task that locks the row and skips it once sent, so a
    task delivered twice sends once."""

    event = models.ForeignKey(PetitionEvent, on_delete=models.CASCADE, related_name="notifications")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=255, blank=True)
    body = models.TextField()
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel"], name="one_notification_per_event_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient} ({self.status})"


class CoSignature(models.Model):
    """A resident's support for a published petition: one per verified account."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="cosignatures")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cosignatures"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["petition", "user"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.petition_id}"


def _private_storage():
    return storages["private"]


class Attachment(models.Model):
    """Evidence for a petition: a photo (re-encoded, metadata stripped) or a PDF. Private:
    shown only to the petitioner and the council's staff, until staff publish it.

    While the citizen is still filing, it belongs to their draft (``draft_key``) and has no
    petition yet; submitting the petition claims it."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    draft_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), storage=_private_storage, upload_to="petitions/%Y/%m/")
    thumbnail = models.FileField(storage=_private_storage, upload_to="petitions/%Y/%m/", blank=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    is_public = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                name="attachment_has_owner",
                condition=Q(petition__isnull=False) | ~Q(draft_key=""),
            )
        ]

    def __str__(self) -> str:
        return self.original_name
