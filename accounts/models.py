"""The custom user: e-mail sign-in, a Vietnamese full name, one role and its scope."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, role=Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Names follow Vietnamese order: ``last_name`` holds the family and
    middle names (họ và tên đệm), ``first_name`` the given name (tên), by which
    Vietnamese lists are sorted; ``get_full_name`` reads "Nguyễn Văn An"."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CITIZEN)
    council = models.ForeignKey(
        "core.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("council"),
        help_text=_("Council staff work for exactly one council."),
    )
    is_council_lead = models.BooleanField(
        _("council lead"),
        default=False,
        help_text=_("Leads of a council receive its daily digest of cases nearing their deadline."),
    )
    oversight_province = models.ForeignKey(
        "core.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overseers",
        verbose_name=_("oversight province"),
        help_text=_("Province oversight reads the councils of one province."),
    )
    ambassador_wards = models.ManyToManyField(
        "core.Ward",
        blank=True,
        related_name="ambassadors",
        verbose_name=_("wards covered"),
        help_text=_("Digital ambassadors work in these wards."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="council_staff_has_council",
                condition=~Q(role=Role.COUNCIL_STAFF) | Q(council__isnull=False),
            ),
            models.CheckConstraint(
                name="oversight_has_province",
                condition=~Q(role=Role.OVERSIGHT) | Q(oversight_province__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email
