"""The editors' side of candidate information: snippets for elections, units and
candidates (with the two-person workflow, locking and history), the import of an
official list, the timeline and the error reports from the public."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from elections import views
from elections.models import Candidate, Election, ElectoralUnit, ErrorReport, Milestone


class ElectionViewSet(SnippetViewSet):
    model = Election
    icon = "date"
    menu_label = _("Elections")
    list_display = ["name", "election_day", "is_practice"]


class ElectoralUnitViewSet(SnippetViewSet):
    model = ElectoralUnit
    icon = "group"
    menu_label = _("Electoral units")
    list_display = ["name", "level", "province", "council", "seats", "live", "locked"]
    list_filter = ["election", "level", "live", "locked"]
    search_fields = ["name"]
    list_per_page = 50


class CandidateViewSet(SnippetViewSet):
    model = Candidate
    icon = "user"
    menu_label = _("Candidates")
    list_display = ["full_name", "date_of_birth", "election", "live", "updated_at"]
    list_filter = ["election", "live", "is_sample"]
    search_fields = ["full_name"]
    list_per_page = 50


class MilestoneViewSet(SnippetViewSet):
    model = Milestone
    icon = "calendar-alt"
    menu_label = _("Election timeline")
    list_display = ["kind", "election", "starts_on", "ends_on"]
    list_filter = ["election"]


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("Error reports")
    list_display = ["__str__", "candidate", "unit", "status", "created_at"]
    list_filter = ["status", "election"]
    form_fields = ["status"]
    inspect_view_enabled = True  # the whole report, read-only; editors change the status


class ElectionsGroup(SnippetViewSetGroup):
    items = (
        ElectionViewSet,
        ElectoralUnitViewSet,
        CandidateViewSet,
        MilestoneViewSet,
        ErrorReportViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Candidate information")
    menu_name = "elections"


register_snippet(ElectionsGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("bau-cu/nhap-danh-sach/", views.import_list, name="elections_import")]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("elections.add_importbatch")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _ImportMenuItem(
        _("Import an official list"),
        reverse("elections_import"),
        icon_name="upload",
        order=310,
    )


@hooks.register("register_log_actions")
def register_election_actions(actions):
    actions.register_action("elections.import", _("Import"), _("Candidates imported from a file"))


@hooks.register("before_edit_snippet")
def keep_locked_units_locked(request, instance):
    """A candidate on a unit that an editor locked after verification cannot change
    until that editor (or an administrator) unlocks the unit."""
    if not isinstance(instance, Candidate):
        return None
    locked = [
        candidacy.unit
        for candidacy in instance.candidacies.select_related("unit")
        if candidacy.unit.locked and candidacy.unit.locked_by_id != request.user.pk
    ]
    if locked and not request.user.is_superuser:
        messages.error(
            request,
            _("%(unit)s is locked after verification; ask the editor who locked it.")
            % {"unit": locked[0]},
        )
        return redirect("wagtailsnippets_elections_candidate:list")
    return None
