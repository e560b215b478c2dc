from django.db import models
from django.utils.translation import gettext_lazy as _


class BallotLevel(models.TextChoices):
    """The three bodies a voter elects on one day: three ballots per ward."""

    NATIONAL_ASSEMBLY = "national", _("National Assembly")
    PROVINCE = "province", _("province/city People's Council")
    WARD = "ward", _("ward/commune People's Council")


# URL segments of the council levels (Vietnamese, ASCII).
LEVEL_SLUGS = {
    BallotLevel.NATIONAL_ASSEMBLY: "quoc-hoi",
    BallotLevel.PROVINCE: "hdnd-tinh",
    BallotLevel.WARD: "hdnd-xa",
}
LEVEL_BY_SLUG = {slug: level for level, slug in LEVEL_SLUGS.items()}


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class NominationType(models.TextChoices):
    """How the candidate came onto the list (as the official list states it)."""

    NOMINATED = "nominated", _("nominated by an agency or organisation")
    SELF = "self", _("self-nominated")


class MilestoneKind(models.TextChoices):
    CONSULTATIONS = "consultations", _("Consultations")
    DOSSIERS = "dossiers", _("Candidate dossiers")
    LIST_ANNOUNCED = "list", _("Official list announced")
    CAMPAIGNING = "campaigning", _("Campaigning")
    ELECTION_DAY = "election_day", _("Election day")
    RESULTS = "results", _("Results announced")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class ReportStatus(models.TextChoices):
    NEW = "new", _("new")
    CORRECTED = "corrected", _("corrected")
    NOT_AN_ERROR = "not_an_error", _("not an error")
