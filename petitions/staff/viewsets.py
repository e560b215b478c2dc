"""The council's petition queue: a Wagtail ModelViewSet with filters, saved views, search,
sorting by deadline, CSV/XLSX export (audited) and bulk actions. Only the listing and the
case page are routed: no generic create, edit, delete, copy or history view exists for
petitions, so nothing reaches a petition except through the scoped selectors."""

import django_filters
from django import forms
from django.urls import path
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.models import Ward
from petitions import selectors
from petitions.choices import DeadlineState, Source, Status
from petitions.models import Petition, Topic
from petitions.services import triage
from petitions.staff.views import PetitionCaseView, case_attachment

SAVED_VIEWS = [
    ("mine", _("Mine")),
    ("unassigned", _("Unassigned")),
    ("overdue", _("Overdue")),
]


def _deadline(petition: Petition) -> str:
    return date_format(petition.deadline, "d/m/Y") if petition.deadline else "—"


def _wards(request):
    user = request.user
    if user.council_id:
        province_id = user.council.province_id
        ward_id = user.council.ward_id
        wards = (
            Ward.objects.filter(pk=ward_id)
            if ward_id
            else Ward.objects.filter(province_id=province_id)
        )
    elif user.oversight_province_id:
        wards = Ward.objects.filter(province_id=user.oversight_province_id)
    else:
        wards = Ward.objects.all()
    return wards.order_by("name_folded")


def _councils(request):
    return selectors.councils_for_staff(request.user).order_by("level", "name")


def _assignees(request):
    return selectors.council_staff(request.user.council_id or 0)


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    pass


_FORM_CLASSES: dict[tuple, type[forms.Form]] = {}  # at most one per council and role


class PetitionFilterSet(WagtailFilterSet):
    view = django_filters.ChoiceFilter(
        label=_("Saved view"), choices=SAVED_VIEWS, method="filter_view", empty_label=_("All")
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        # One IN (…) lets PostgreSQL use the (council, status, deadline) index; the filter's
        # default OR of equalities and DISTINCT do not (ten times slower at a million rows).
        method="filter_status",
        choices=[(s.value, s.label) for s in Status if s != Status.UNCONFIRMED],
        widget=django_filters.widgets.forms.CheckboxSelectMultiple,
    )
    council = django_filters.ModelChoiceFilter(label=_("Council"), queryset=_councils)
    topic = django_filters.ModelChoiceFilter(label=_("Topic"), queryset=Topic.objects.all())
    ward = django_filters.ModelChoiceFilter(label=_("Ward/commune"), queryset=_wards)
    assignee = django_filters.ModelChoiceFilter(label=_("Assigned to"), queryset=_assignees)
    deadline_state = django_filters.ChoiceFilter(label=_("Deadline"), choices=DeadlineState.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Source.choices)
    # The selection of the "export" bulk action; not shown as a filter.
    ids = NumberInFilter(field_name="pk", widget=forms.HiddenInput)

    class Meta:
        model = Petition
        fields = ["view", "status", "topic", "ward", "assignee", "deadline_state", "source", "ids"]

    def get_form_class(self):
        """Built once per filter set and scope rather than on every request: the fields
        depend only on whose queue it is, and each form copies them (their querysets
        included, so choices are read afresh)."""
        user = self.request.user
        key = (
            type(self),
            user.role,
            user.is_superuser,
            user.council_id,
            user.oversight_province_id,
        )
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = _FORM_CLASSES[key] = super().get_form_class()
        return form_class

    @classmethod
    def without(cls, *names: str) -> type["PetitionFilterSet"]:
        """This filter set minus ``names``: a filter with one choice only clutters the
        form, and every filter is copied and validated on each request."""
        name = cls.__name__ + "Without" + "".join(name.title() for name in names)
        subclass = type(name, (cls,), {"__module__": cls.__module__})
        for name in names:
            del subclass.base_filters[name]
        return subclass

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value) if value else queryset

    def filter_view(self, queryset, name, value):
        from petitions import states

        queryset = queryset.filter(status__in=states.OPEN)
        if value == "mine":
            return queryset.filter(assignee_id=self.request.user.pk)
        if value == "unassigned":
            return queryset.filter(assignee__isnull=True)
        if value == "overdue":
            return queryset.filter(deadline_state=DeadlineState.OVERDUE)
        return queryset


# The council's own staff choose among their council's wards (none to choose at a ward
# council); oversight and administrators also choose the council.
WARD_COUNCIL_FILTERS = PetitionFilterSet.without("council", "ward")
CITY_COUNCIL_FILTERS = PetitionFilterSet.without("council")


def queue_filterset_class(user) -> type[PetitionFilterSet]:
    """The queue's filters for ``user``."""
    if not user.council_id:
        return PetitionFilterSet
    return WARD_COUNCIL_FILTERS if user.council.ward_id else CITY_COUNCIL_FILTERS


class PetitionQueueView(IndexView):
    template_name = "petitions/staff/queue.html"
    results_template_name = "petitions/staff/queue_results.html"
    default_ordering = "deadline"
    page_title = _("Petitions")
    search_fields = ["title"]  # enables the search box; the search itself is ours below

    @property
    def filterset_class(self):
        return queue_filterset_class(self.request.user)

    def get_base_queryset(self):
        return selectors.staff_queue(self.request.user)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return selectors.staff_search(self.request.user, queryset, self.search_query)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "pk")  # a stable page order

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"),
            *super().columns,
        ]

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)

    def get_inspect_url(self, instance):
        from django.urls import reverse

        return reverse("petitions_queue:case", args=[instance.pk])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["saved_views"] = SAVED_VIEWS
        context["queue_counts"] = selectors.queue_counts(self.request.user)
        context["current_view"] = self.request.GET.get("view", "")
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        ids = list(queryset.values_list("pk", flat=True))
        triage.petitions_export_record(
            actor=self.request.user, petition_ids=ids, file_format=spreadsheet_format
        )
        return super().as_spreadsheet(selectors.staff_export_rows(queryset), spreadsheet_format)


class PetitionQueueViewSet(ModelViewSet):
    model = Petition
    name = "petitions_queue"
    url_prefix = "petitions/queue"
    icon = "clipboard-list"
    menu_label = _("Petitions")
    menu_order = 50
    add_to_admin_menu = True
    index_view_class = PetitionQueueView
    copy_view_enabled = False
    # Petitions reference nothing editors manage; indexing their references would add
    # several queries to every save on the filing path.
    add_to_reference_index = False
    list_per_page = 25
    list_display = [
        "title",
        Column("display_code", label=_("Tracking code")),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("deadline", label=_("Deadline"), accessor=_deadline, sort_key="deadline"),
        Column(
            "deadline_state",
            label=_("Deadline state"),
            accessor="get_deadline_state_display",
        ),
        Column("topic", label=_("Topic")),
        Column("ward", label=_("Ward/commune")),
        Column("assignee", label=_("Assigned to")),
    ]
    list_export = [
        "display_code",
        "title",
        "get_status_display",
        "deadline",
        "get_deadline_state_display",
        "topic",
        "ward",
        "council",
        "assignee",
        "agency",
        "get_source_display",
        "submitted_at",
        "answered_at",
        "get_satisfaction_display",
    ]
    export_headings = {
        "display_code": _("Tracking code"),
        "title": _("Title"),
        "get_status_display": _("Status"),
        "deadline": _("Deadline"),
        "get_deadline_state_display": _("Deadline state"),
        "topic": _("Topic"),
        "ward": _("Ward/commune"),
        "council": _("Council"),
        "assignee": _("Assigned to"),
        "agency": _("Responsible agency"),
        "get_source_display": _("Source"),
        "submitted_at": _("Submitted at"),
        "answered_at": _("Answered at"),
        "get_satisfaction_display": _("Petitioner's rating"),
    }
    export_filename = "kien-nghi"

    def get_index_view_kwargs(self, **kwargs):
        # Only the listing and the case page exist (see get_urlpatterns).
        return super().get_index_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            copy_url_name=None,
            inspect_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", PetitionCaseView.as_view(), name="case"),
            path("<int:pk>/tep/<int:attachment_pk>/", case_attachment, name="attachment"),
        ]
