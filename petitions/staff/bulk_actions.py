"""Bulk actions on the queue: assign, change status, export. Each acts only on the
selected petitions the user may handle (a selected id out of scope is never loaded, so
its content cannot appear even on the confirmation page) and calls one service."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction

from petitions import selectors
from petitions.choices import RejectReason, Status
from petitions.models import Agency, Petition
from petitions.services import triage


class PetitionBulkAction(BulkAction):
    models = [Petition]
    template_name = "petitions/staff/bulk_action.html"

    def get_actionable_objects(self):
        ids = [pk for pk in self.request.GET.getlist("id") if pk.isdigit()]
        queryset = selectors.petitions_for_staff(self.request.user)
        if "all" in self.request.GET.getlist("id"):
            rows = list(queryset.order_by("pk")[:1000])
        else:
            rows = list(queryset.filter(pk__in=ids).order_by("pk"))
        allowed = [row for row in rows if selectors.can_handle(self.request.user, row)]
        if not allowed and not rows:
            raise Http404
        return allowed, {"items_with_no_access": [row for row in rows if row not in allowed]}

    def object_context(self, obj):
        return {"item": obj}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self
        return context

    def _report(self, result, done_message):
        messages.success(self.request, done_message % {"count": result.done})
        for petition, reason in result.refused:
            messages.warning(
                self.request,
                _("%(code)s was not changed: %(reason)s.")
                % {"code": petition.display_code, "reason": reason},
            )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Staff member"), queryset=None, required=False, empty_label=_("nobody")
    )
    agency = forms.ModelChoiceField(
        label=_("Responsible agency"), queryset=None, required=False, empty_label=_("none")
    )

    def __init__(self, *args, council_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.council_staff(council_id)
        self.fields["agency"].queryset = Agency.objects.filter(
            council_id=council_id, is_active=True
        )


class AssignBulkAction(PetitionBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected petitions")
    action_priority = 10
    form_class = AssignForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "council_id": self.request.user.council_id or 0}

    def execute_action(self, objects, **kwargs):
        data = self.cleaned_form.cleaned_data
        result = triage.petitions_bulk_assign(
            actor=self.request.user,
            petition_ids=[petition.pk for petition in objects],
            assignee=data["assignee"],
            agency=data["agency"],
        )
        self._report(result, _("%(count)s petitions assigned."))
        return result.done, 0


class StatusForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (s.value, s.label)
            for s in (
                Status.ACCEPTED,
                Status.IN_PROGRESS,
                Status.NEEDS_CLARIFICATION,
                Status.REJECTED,
            )
        ],
    )
    note = forms.CharField(
        label=_("Note to the petitioners"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.ChoiceField(
        label=_("Reason (when not accepted)"),
        required=False,
        choices=[("", "—"), *RejectReason.choices],
    )


class StatusBulkAction(PetitionBulkAction):
    display_name = _("Change status")
    action_type = "change_status"
    aria_label = _("Change the status of the selected petitions")
    action_priority = 20
    form_class = StatusForm

    def execute_action(self, objects, **kwargs):
        data = self.cleaned_form.cleaned_data
        result = triage.petitions_bulk_transition(
            actor=self.request.user,
            petition_ids=[petition.pk for petition in objects],
            to=Status(data["to"]),
            note=data["note"],
            reason=data["reason"],
        )
        self._report(result, _("%(count)s petitions changed status."))
        return result.done, 0


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label=_("Format"), choices=[("xlsx", "Excel (XLSX)"), ("csv", "CSV")]
    )


class ExportBulkAction(PetitionBulkAction):
    display_name = _("Export")
    action_type = "export"
    aria_label = _("Export the selected petitions")
    action_priority = 30
    form_class = ExportForm

    def form_valid(self, form):
        """The queue's own export (one code path, audited there), limited to the
        selection."""
        objects, _no_access = self.get_actionable_objects()
        query = urlencode(
            {
                "export": form.cleaned_data["file_format"],
                "ids": ",".join(str(petition.pk) for petition in objects),
            }
        )
        return redirect(reverse("petitions_queue:index") + "?" + query)
