"""Open311 (GeoReport v2): keys issued to partner systems, and the tokens a submission
answers with while its petition waits for the citizen's confirmation.

Writes go through open311/services.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A key issued by an administrator to a partner system (a city's case-management
    software, a newsroom…). Only a hash is stored: the key is shown once, when issued."""

    name = models.CharField(
        _("partner system"), max_length=150, help_text=_("Who uses this key, e.g. a city office.")
    )
    contact_email = models.EmailField(
        _("technical contact"), blank=True, help_text=_("Whom to write to about this key.")
    )
    prefix = models.CharField(
        _("key starts with"), max_length=8, editable=False, help_text=_("To recognise a key.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_trusted = models.BooleanField(
        _("trusted partner"),
        default=False,
        help_text=_(
            "The partner checks its residents' contacts itself, so its petitions go straight "
            "to the council. Otherwise each resident confirms with a one-time code first."
        ),
    )
    hourly_limit = models.PositiveIntegerField(
        _("submissions per hour"), default=100, help_text=_("Further submissions are refused.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SubmissionToken(models.Model):
    """What POST requests answers when the petition waits for the citizen's one-time code:
    ``tokens/{token}`` gives its service_request_id once it is confirmed."""

    token = models.CharField(max_length=32, unique=True)
    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.CASCADE, related_name="open311_token"
    )
    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="tokens")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.token
