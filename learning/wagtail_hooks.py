"""Admin for learning's reference data: residential groups and ambassador profiles.
Courses and lessons are pages; campaigns are run from the public site by organisers."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learning.models import AmbassadorProfile, ResidentialGroup


@hooks.register("register_log_actions")
def register_learning_actions(actions):
    actions.register_action(
        "learning.certificate_issue", _("Issue certificate"), _("Certificate issued")
    )
    actions.register_action("learning.enrol", _("Enrol resident"), _("Resident enrolled"))
    actions.register_action("learning.visit_record", _("Log visit"), _("Visit logged"))
    actions.register_action("learning.campaign_create", _("Create campaign"), _("Campaign created"))
    actions.register_action("learning.campaign_target", _("Set ward target"), _("Ward target set"))


class ResidentialGroupViewSet(SnippetViewSet):
    model = ResidentialGroup
    icon = "group"
    menu_label = _("Residential groups")
    list_display = ["name", "ward", "households"]
    search_fields = ["name"]


class AmbassadorProfileViewSet(SnippetViewSet):
    model = AmbassadorProfile
    icon = "user"
    menu_label = _("Ambassador profiles")
    list_display = ["user", "organisation"]


class LearningGroup(SnippetViewSetGroup):
    items = (ResidentialGroupViewSet, AmbassadorProfileViewSet)
    menu_icon = "pick"
    menu_label = _("Digital ambassadors")
    menu_name = "digital-ambassadors"


register_snippet(LearningGroup)
