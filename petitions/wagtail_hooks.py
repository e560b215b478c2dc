"""Admin for petitions: the council's triage queue and case pages (petitions/staff/), its
bulk actions, and the reference data staff maintain: topics, the competence matrix,
agencies and answer templates."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from petitions.models import Agency, AnswerTemplate, CompetenceRule, Topic
from petitions.staff.bulk_actions import AssignBulkAction, ExportBulkAction, StatusBulkAction
from petitions.staff.viewsets import PetitionQueueViewSet


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "sort_order", "is_active"]
    search_fields = ["name"]


class CompetenceRuleViewSet(SnippetViewSet):
    model = CompetenceRule
    icon = "sliders"
    menu_label = _("Competence matrix")
    list_display = ["topic", "province", "council_level", "answer_working_days"]
    list_filter = ["council_level", "topic"]


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = _("Responsible agencies")
    list_display = ["name", "kind", "council", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


class AnswerTemplateViewSet(SnippetViewSet):
    model = AnswerTemplate
    icon = "doc-full"
    menu_label = _("Answer templates")
    list_display = ["title", "topic", "status"]
    list_filter = ["topic", "status"]


class PetitionSettingsGroup(SnippetViewSetGroup):
    items = (TopicViewSet, CompetenceRuleViewSet, AgencyViewSet, AnswerTemplateViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Petition settings")
    menu_name = "petition-settings"


register_snippet(PetitionSettingsGroup)


@hooks.register("register_admin_viewset")
def register_petition_queue():
    return PetitionQueueViewSet()


for _action in (AssignBulkAction, StatusBulkAction, ExportBulkAction):
    hooks.register("register_bulk_action", _action)


@hooks.register("register_admin_urls")
def register_petition_statistics():
    from django.urls import path

    from petitions.staff.dashboard import CouncilDashboardView
    from petitions.staff.dossiers import DossierListView, DossierReportView

    return [
        path(
            "petitions/statistics/",
            CouncilDashboardView.as_view(),
            name="petitions_dashboard",
        ),
        path("petitions/dossiers/", DossierListView.as_view(), name="petitions_dossiers"),
        path("petitions/dossiers/<int:pk>/", DossierReportView.as_view(), name="petitions_dossier"),
    ]


class _StaffMenuItem(MenuItem):
    """Shown to the people who read petitions in the admin (staff, oversight, admins)."""

    def is_shown(self, request):
        return request.user.has_perm("petitions.view_petition")


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return _StaffMenuItem(
        _("Petition statistics"),
        reverse("petitions_dashboard"),
        icon_name="table",
        order=51,
    )


@hooks.register("register_admin_menu_item")
def register_dossiers_menu_item():
    return _StaffMenuItem(
        _("Session dossiers"),
        reverse("petitions_dossiers"),
        icon_name="folder-open-inverse",
        order=52,
    )
