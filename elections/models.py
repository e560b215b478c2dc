"""Elections, electoral units, candidates and their candidacies, from the official lists.

Candidates, units and candidacies are plain models (Wagtail snippets), served by one
routable ``ElectionPage`` per election: ≈200,000 candidates never become pages.
Every record carries its source (official document, page) and when it last changed.
Units and candidates go through a two-person check (entered → verified → published) in
a Wagtail workflow; public pages show only the published (``live``) rows.
Writes go through elections/services.py.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from elections.choices import (
    BallotLevel,
    Gender,
    MilestoneKind,
    MilestoneStatus,
    NominationType,
    ReportStatus,
)


class SourcedModel(models.Model):
    """Where a record comes from: the official document and page, and its last change."""

    source_document = models.CharField(
        _("source document"),
        max_length=255,
        blank=True,
        help_text=_("The official document, e.g. “Nghị quyết số 123/NQ-HĐBCQG”."),
    )
    source_url = models.URLField(_("source address"), blank=True)
    source_page = models.CharField(_("page in the source"), max_length=32, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    source_panels = [
        MultiFieldPanel(
            [FieldPanel("source_document"), FieldPanel("source_url"), FieldPanel("source_page")],
            heading=_("Source"),
        )
    ]

    class Meta:
        abstract = True


class Election(SourcedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    election_day = models.DateField(_("election day"))
    description = models.TextField(_("description"), blank=True)
    is_practice = models.BooleanField(
        _("practice election"),
        default=False,
        help_text=_("A practice ballot for learning how to vote; not a real election."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("election_day"),
        FieldPanel("description"),
        FieldPanel("is_practice"),
        *SourcedModel.source_panels,
    ]

    class Meta:
        ordering = ["-election_day", "name"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self) -> str:
        return self.name


class ElectoralUnit(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel, SourcedModel
):
    """An electoral unit (đơn vị bầu cử): one ballot for the voters of the wards it covers.

    National Assembly units are numbered per province; council units per council."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="units", verbose_name=_("election")
    )
    level = models.CharField(_("level"), max_length=16, choices=BallotLevel.choices)
    province = models.ForeignKey(
        "core.Province",
        on_delete=models.PROTECT,
        related_name="electoral_units",
        verbose_name=_("province/city"),
    )
    council = models.ForeignKey(
        "core.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="electoral_units",
        verbose_name=_("People's Council"),
        help_text=_("Empty for National Assembly units."),
    )
    number = models.PositiveSmallIntegerField(_("unit number"))
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. Đơn vị bầu cử số 1"))
    wards = models.ManyToManyField(
        "core.Ward", related_name="electoral_units", verbose_name=_("wards/communes covered")
    )
    area_description = models.TextField(
        _("area covered"),
        blank=True,
        help_text=_("As the official list words it, e.g. residential groups 1 to 12."),
    )
    seats = models.PositiveSmallIntegerField(_("seats"))

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="electoral_unit",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="electoral_unit",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("election"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("number"), FieldPanel("seats")]),
        FieldPanel("province"),
        FieldPanel("council"),
        FieldPanel("name"),
        FieldPanel("wards"),
        FieldPanel("area_description"),
        *SourcedModel.source_panels,
    ]

    class Meta:
        ordering = ["election", "level", "province__code", "council_id", "number"]
        verbose_name = _("electoral unit")
        verbose_name_plural = _("electoral units")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "level", "province", "number"],
                condition=Q(council__isnull=True),
                name="unit_number_unique_per_province",
            ),
            models.UniqueConstraint(
                fields=["election", "level", "council", "number"],
                condition=Q(council__isnull=False),
                name="unit_number_unique_per_council",
            ),
            models.CheckConstraint(
                name="unit_council_matches_level",
                condition=Q(level=BallotLevel.NATIONAL_ASSEMBLY, council__isnull=True)
                | (~Q(level=BallotLevel.NATIONAL_ASSEMBLY) & Q(council__isnull=False)),
            ),
        ]
        indexes = [models.Index(fields=["election", "level", "province"])]

    def __str__(self) -> str:
        body = self.council.name if self.council_id else _("National Assembly")
        return f"{self.name} — {body}"

    @property
    def body_name(self) -> str:
        if self.council_id:
            return self.council.name
        return f"{_('National Assembly')} — {self.province.name}"


class Candidate(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel, SourcedModel
):
    """A person on an official list, with exactly the fields the list publishes."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("election")
    )
    full_name = models.CharField(_("full name"), max_length=120)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    hometown = models.CharField(_("hometown"), max_length=255, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=64, blank=True)
    religion = models.CharField(_("religion"), max_length=64, blank=True)
    education = models.CharField(_("general education"), max_length=64, blank=True)
    qualification = models.CharField(_("professional qualification"), max_length=255, blank=True)
    occupation = models.CharField(_("occupation and position"), max_length=500, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    party_joined_on = models.DateField(
        _("date of joining the Party"),
        null=True,
        blank=True,
        help_text=_("Only where the official list publishes it."),
    )
    current_deputy = models.CharField(
        _("current deputy status"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Đại biểu Quốc hội khóa XV, as the official list states it."),
    )
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    action_programme = models.TextField(_("action programme"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Fictional demo data, marked as such.")
    )
    import_batch = models.ForeignKey(
        "ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        editable=False,
    )

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="candidate",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="candidate",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("election"),
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("date_of_birth"), FieldPanel("gender")]),
        FieldPanel("hometown"),
        FieldRowPanel([FieldPanel("ethnicity"), FieldPanel("religion")]),
        FieldPanel("education"),
        FieldPanel("qualification"),
        FieldPanel("occupation"),
        FieldPanel("workplace"),
        FieldPanel("party_joined_on"),
        FieldPanel("current_deputy"),
        FieldPanel("photo"),
        FieldPanel("action_programme"),
        InlinePanel("candidacies", heading=_("Candidacies"), min_num=1),
        FieldPanel("is_sample"),
        *SourcedModel.source_panels,
    ]

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # A derived column, like a slug; the collation rule lives in elections/text.py.
        from elections.text import name_sort_key

        self.sort_key = name_sort_key(self.full_name)
        super().save(*args, **kwargs)


class Candidacy(SourcedModel):
    """A candidate standing in one electoral unit (Popolo: a Membership with role
    "candidate" on the unit's Post), and the result once counted."""

    candidate = ParentalKey(
        Candidate, on_delete=models.CASCADE, related_name="candidacies", verbose_name=_("candidate")
    )
    unit = models.ForeignKey(
        ElectoralUnit,
        on_delete=models.CASCADE,
        related_name="candidacies",
        verbose_name=_("electoral unit"),
    )
    list_order = models.PositiveSmallIntegerField(
        _("order on the official list"), null=True, blank=True
    )
    nomination_type = models.CharField(
        _("nomination"), max_length=16, choices=NominationType.choices, blank=True
    )
    is_elected = models.BooleanField(_("elected"), null=True, blank=True)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    vote_share = models.DecimalField(
        _("share of valid votes (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    panels = [
        FieldPanel("unit"),
        FieldRowPanel([FieldPanel("list_order"), FieldPanel("nomination_type")]),
        FieldRowPanel([FieldPanel("is_elected"), FieldPanel("votes"), FieldPanel("vote_share")]),
        FieldRowPanel([FieldPanel("source_document"), FieldPanel("source_page")]),
    ]

    class Meta:
        ordering = ["unit", "list_order"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "unit"], name="one_candidacy_per_unit")
        ]
        indexes = [models.Index(fields=["unit", "list_order"])]

    def __str__(self) -> str:
        return f"{self.candidate} — {self.unit}"


class ImportBatch(models.Model):
    """One official list imported from a file: who, when, from which document."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="imports")
    level = models.CharField(_("level"), max_length=16, choices=BallotLevel.choices)
    province = models.ForeignKey("core.Province", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("file"), max_length=255)
    source_document = models.CharField(_("source document"), max_length=255)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%d/%m/%Y %H:%M})"


class Milestone(ClusterableModel, SourcedModel):
    """A step of the election calendar, with its nationwide dates and, per province, how
    far that province is (edited together in the admin)."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("election")
    )
    kind = models.CharField(_("step"), max_length=16, choices=MilestoneKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [
        FieldPanel("election"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("description"),
        InlinePanel("provinces", heading=_("Status per province")),
        *SourcedModel.source_panels,
    ]

    class Meta:
        ordering = ["election", "starts_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["election", "kind"], name="one_milestone_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.election})"


class ProvinceMilestone(models.Model):
    """How far one province is with one step, as its election committee reports it."""

    milestone = ParentalKey(
        Milestone, on_delete=models.CASCADE, related_name="provinces", verbose_name=_("milestone")
    )
    province = models.ForeignKey(
        "core.Province", on_delete=models.CASCADE, related_name="+", verbose_name=_("province")
    )
    status = models.CharField(_("status"), max_length=16, choices=MilestoneStatus.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    panels = [FieldPanel("province"), FieldPanel("status"), FieldPanel("note")]

    class Meta:
        verbose_name = _("milestone status in a province")
        verbose_name_plural = _("milestone statuses in provinces")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "province"], name="one_status_per_province"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} — {self.province}: {self.get_status_display()}"


class ErrorReport(models.Model):
    """A member of the public says something on a page is wrong; editors check it."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="error_reports", verbose_name=_("election")
    )
    unit = models.ForeignKey(
        ElectoralUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("electoral unit"),
    )
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="error_reports",
        verbose_name=_("candidate"),
    )
    description = models.TextField(_("what is wrong"), max_length=2000)
    source = models.CharField(_("where the right information is"), max_length=500, blank=True)
    contact = models.CharField(_("contact (optional)"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")

    def __str__(self) -> str:
        return f"#{self.pk} {self.description[:60]}"


class SecondPersonApprovalTask(AbstractGroupApprovalTask):
    """Group approval where the person who entered or submitted the data cannot approve
    it: verification always takes a second editor."""

    def _is_author(self, obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        if state is not None and state.requested_by_id == user.pk:
            return True
        latest = getattr(obj, "latest_revision", None)
        return latest is not None and latest.user_id == user.pk

    def get_actions(self, obj, user):
        if self._is_author(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self._is_author(
            task_state.workflow_state.content_object, user
        ):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_("A second editor must verify data you entered."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("A member of the chosen groups other than the person who entered the data")

    class Meta:
        verbose_name = _("second-person check")
        verbose_name_plural = _("second-person checks")


from elections.pages import ElectionPage  # noqa: E402 - the page model lives beside its routes

__all__ = [
    "Candidacy",
    "Candidate",
    "Election",
    "ElectionPage",
    "ElectoralUnit",
    "ErrorReport",
    "ImportBatch",
    "Milestone",
    "ProvinceMilestone",
    "SecondPersonApprovalTask",
]
