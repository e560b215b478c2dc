from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("waiting for confirmation")
    RECEIVED = "received", _("received")
    NEEDS_CLARIFICATION = "needs_clarification", _("waiting for you")
    ACCEPTED = "accepted", _("accepted")
    IN_PROGRESS = "in_progress", _("being handled")
    TRANSFER_REQUESTED = "transfer_requested", _("being transferred")
    ANSWERED = "answered", _("answered")
    REOPENED = "reopened", _("reopened")
    CLOSED = "closed", _("closed")
    REJECTED = "rejected", _("not accepted")
    MERGED = "merged", _("merged with another petition")
    WITHDRAWN = "withdrawn", _("withdrawn")


class RejectReason(models.TextChoices):
    NOT_COMPETENT = "not_competent", _("not for this council (we say where to go)")
    DUPLICATE = "duplicate", _("already raised")
    NO_REPLY = "no_reply", _("no reply to our question")
    ABUSIVE = "abusive", _("offensive or abusive content")
    NOT_A_PETITION = (
        "not_a_petition",
        _("not a petition (a question, a complaint under another law…)"),
    )
    UNDER_COURT = "under_court", _("being decided by a court or another procedure")


class Source(models.TextChoices):
    ONLINE = "online", _("online")
    AMBASSADOR = "ambassador", _("with a digital ambassador")
    VOTER_MEETING = "voter_meeting", _("at a voter meeting")
    API = "api", _("partner system (Open311)")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    CONFIRMED = "confirmed", _("contact confirmed")
    ROUTED = "routed", _("sent to the competent council")
    STATUS = "status", _("status changed")
    DEADLINE = "deadline", _("deadline changed")
    RATED = "rated", _("answer rated by the petitioner")
    PUBLISHED = "published", _("publication changed")
    # Staff actions, recorded for accountability; never shown to the public.
    NOTE = "note", _("internal note")
    ASSIGNED = "assigned", _("assigned")
    CONTACT_VIEWED = "contact_viewed", _("petitioner's contact details viewed")
    FILE_VIEWED = "file_viewed", _("evidence file opened by staff")
    EXPORTED = "exported", _("exported")
    COMMITMENT = "commitment", _("commitment")
    DOSSIER = "dossier", _("added to a session dossier")


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    PARTLY = "partly", _("partly satisfied")
    NOT_SATISFIED = "not_satisfied", _("not satisfied")


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("photo")
    PDF = "pdf", _("PDF document")


class DeadlineState(models.TextChoices):
    """Set each night by the deadline job; the queue filters on it."""

    ON_TIME = "on_time", _("on time")
    DUE_SOON = "due_soon", _("nearly overdue")
    OVERDUE = "overdue", _("overdue")


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", _("department or office")
    COMMITTEE = "committee", _("council committee")
    OTHER = "other", _("other body")


class CommitmentStatus(models.TextChoices):
    PROMISED = "promised", _("promised")
    DONE = "done", _("done")
    MISSED = "missed", _("not done by the date")
