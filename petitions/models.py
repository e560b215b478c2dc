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
    AgencyKind,
    AttachmentKind,
    Channel,
    CommitmentStatus,
    DeadlineState,
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


class Agency(models.Model):
    """A body a council hands a petition to for handling: a department, an office, one of
    the council's committees. Each belongs to one council."""

    council = models.ForeignKey(
        "core.Council", on_delete=models.CASCADE, related_name="agencies", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=16, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("responsible agency")
        verbose_name_plural = _("responsible agencies")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="agency_name_per_council")
        ]

    def __str__(self) -> str:
        return self.name


# A tracking code: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V).
TRACKING_LENGTH = 12


class Petition(models.Model):
    tracking_code = models.CharField(
        _("tracking code"), max_length=TRACKING_LENGTH, unique=True, editable=False
    )
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
    deadline_state = models.CharField(
        _("deadline"), max_length=8, choices=DeadlineState.choices, default=DeadlineState.ON_TIME
    )

    # Triage: who handles it inside the council.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_petitions",
        verbose_name=_("assigned to"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("responsible agency"),
    )
    # Bumped by every write a person makes; a staff form sends the version it was drawn
    # from, so two people editing the same petition never silently overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)

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
    working_days_to_answer = models.PositiveSmallIntegerField(
        _("working days to answer"), null=True, blank=True, editable=False
    )
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
        indexes = [
            models.Index(fields=["council", "status", "deadline"], name="petition_queue"),
            models.Index(fields=["council", "deadline_state", "deadline"], name="petition_due"),
            models.Index(fields=["assignee", "status", "deadline"], name="petition_assignee"),
            models.Index(fields=["council", "received_at"], name="petition_council_received"),
        ]
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


class Commitment(models.Model):
    """A dated promise made to residents about a petition ("the street light is fixed by
    15 May", owner: the ward's urban office). Shown publicly with its status."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="commitments")
    description = models.CharField(_("what will be done"), max_length=500)
    due_on = models.DateField(_("by"))
    owner = models.CharField(_("who is responsible"), max_length=150)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PROMISED,
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["status", "due_on"], name="commitment_due")]

    def __str__(self) -> str:
        return self.description


class AnswerTemplate(models.Model):
    """A starting text for the public answer, per topic (or any topic) and per state the
    answer moves the petition to."""

    title = models.CharField(_("title"), max_length=120)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answer_templates",
        verbose_name=_("topic"),
        help_text=_("Leave empty for a template that suits every topic."),
    )
    status = models.CharField(
        _("for the step"),
        max_length=24,
        choices=Status.choices,
        default=Status.ANSWERED,
    )
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")

    def __str__(self) -> str:
        return self.title


class Dossier(models.Model):
    """The petitions a council's staff put before a council session: compiled for a period,
    printed grouped by topic and agency with their answers. Items still unresolved carry
    over to the council's next dossier."""

    council = models.ForeignKey(
        "core.Council", on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("council")
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    session_on = models.DateField(_("session date"), null=True, blank=True)
    petitions = models.ManyToManyField(
        Petition, through="DossierItem", related_name="dossiers", verbose_name=_("petitions")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("session dossier")
        verbose_name_plural = _("session dossiers")

    def __str__(self) -> str:
        return self.title


class DossierItem(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="items")
    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="+")
    is_carried_over = models.BooleanField(_("carried over"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "petition"], name="dossier_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.petition_id}"
