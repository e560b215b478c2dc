"""Admin for the petition reference data staff maintain: topics and the competence matrix.

The triage queue itself comes with the staff-side issue (scoped per council)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from petitions.models import CompetenceRule, Topic


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


class PetitionSettingsGroup(SnippetViewSetGroup):
    items = (TopicViewSet, CompetenceRuleViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Petition settings")
    menu_name = "petition-settings"


register_snippet(PetitionSettingsGroup)
