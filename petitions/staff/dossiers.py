"""Session dossiers in the admin: the list of a council's dossiers, compiling a new one
for a period, and the printable report grouped by topic and agency."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from petitions import selectors
from petitions.services import triage


class DossierForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    period_start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    session_on = forms.DateField(
        label=gettext_lazy("Session date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class DossierListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "petitions/staff/dossiers.html"
    page_title = gettext_lazy("Session dossiers")
    header_icon = "folder-open-inverse"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not selectors.councils_for_staff(request.user).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["dossiers"] = selectors.dossiers_for_staff(user)[:50]
        context["can_compile"] = selectors.works_for_council(user, user.council_id)
        context["form"] = kwargs.get("form") or DossierForm()
        return context

    def post(self, request, *args, **kwargs):
        form = DossierForm(request.POST)
        if form.is_valid() and selectors.works_for_council(request.user, request.user.council_id):
            try:
                dossier = triage.dossier_compile(
                    actor=request.user, council=request.user.council, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Dossier compiled: %(count)s petitions.") % {"count": dossier.items.count()},
                )
                return redirect(reverse("petitions_dossier", args=[dossier.pk]))
        return self.render_to_response(self.get_context_data(form=form))


class DossierReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "petitions/staff/dossier_report.html"
    header_icon = "folder-open-inverse"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        self.dossier = selectors.dossiers_for_staff(request.user).filter(pk=kwargs["pk"]).first()
        if self.dossier is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.dossier.title

    def get_page_subtitle(self):
        return self.dossier.council.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dossier"] = self.dossier
        context["groups"] = selectors.dossier_report(self.dossier)
        return context
