"""Admin for Open311 API keys (administrators only: the model permissions are given to no
role group, and administrators are superusers). Issuing a key shows it once; only its
hash is kept. Revoking stops it at once and keeps the row for the record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from open311 import services
from open311.models import ApiKey

LIST_URL = "wagtailsnippets_open311_apikey:list"


class IssueKeyView(CreateView):
    """Issues the key through the service, then shows it on the page — once."""

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in ApiKeyViewSet.form_fields}
        api_key, raw_key = services.api_key_issue(created_by=self.request.user, **fields)
        return TemplateResponse(
            self.request,
            "open311/key_issued.html",
            {
                "api_key": api_key,
                "raw_key": raw_key,
                "page_title": _("API key issued"),
                "header_icon": "key",
                "index_url": reverse(LIST_URL),
            },
        )


class RevokeColumn(Column):
    cell_template_name = "open311/revoke_cell.html"

    def get_value(self, instance):
        return reverse("open311_key_revoke", args=[instance.pk]) if instance.is_active else None


class ApiKeyViewSet(SnippetViewSet):
    model = ApiKey
    icon = "key"
    menu_label = gettext_lazy("Open311 API keys")
    add_to_settings_menu = True
    url_prefix = "open311/keys"
    add_view_class = IssueKeyView
    form_fields = ["name", "contact_email", "is_trusted", "hourly_limit"]
    list_display = [
        "name",
        "prefix",
        BooleanColumn("is_trusted", label=capfirst(gettext_lazy("trusted partner"))),
        BooleanColumn("is_active", label=capfirst(gettext_lazy("in use"))),
        "last_used_at",
        RevokeColumn("revoke", label=gettext_lazy("Revoke")),
    ]
    list_filter = ["is_trusted", "is_active"]
    search_fields = ["name", "prefix"]


register_snippet(ApiKeyViewSet)


def revoke_key(request, pk: int):
    if not request.user.has_perm("open311.change_apikey"):
        raise PermissionDenied
    api_key = get_object_or_404(ApiKey, pk=pk)
    if request.method == "POST":
        services.api_key_revoke(api_key=api_key)
        messages.success(
            request, _("The key of %(name)s no longer works.") % {"name": api_key.name}
        )
        return redirect(LIST_URL)
    context = {
        "api_key": api_key,
        "page_title": _("Revoke an API key"),
        "header_icon": "key",
        "index_url": reverse(LIST_URL),
    }
    return TemplateResponse(request, "open311/key_revoke.html", context)


@hooks.register("register_admin_urls")
def register_key_revoke_url():
    return [path("open311/keys/<int:pk>/revoke/", revoke_key, name="open311_key_revoke")]
