"""The case page of one petition in the admin: timeline, contact (on request, audited),
assignment, status changes, the answer composer, transfers, merges, commitments and
internal notes. GET shows; each POST names one action, validated by its form and carried
out by one service; errors re-render the page with what was typed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from petitions import selectors, states
from petitions.choices import Status
from petitions.models import Commitment
from petitions.services import petition_publish, triage
from petitions.staff import forms
from petitions.states import STATE_INFO


class PetitionCaseView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "petitions/staff/case.html"
    header_icon = "clipboard-list"
    _forms = {
        "assign": forms.AssignForm,
        "transition": forms.TransitionForm,
        "answer": forms.AnswerForm,
        "transfer_decision": forms.TransferDecisionForm,
        "note": forms.NoteForm,
        "commitment": forms.CommitmentForm,
        "commitment_status": forms.CommitmentStatusForm,
    }
    _with_petition = {"assign", "transition"}

    def dispatch(self, request, *args, **kwargs):
        self.petition = selectors.staff_petition(request.user, kwargs["pk"])
        if self.petition is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.petition.display_code

    def get_page_subtitle(self):
        return self.petition.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("petitions_queue:index"), "label": gettext_lazy("Petitions")},
            {"url": "", "label": self.petition.display_code},
        ]

    def _form(self, name, data=None):
        kwargs = {"petition": self.petition} if name in self._with_petition else {}
        initial = {"version": self.petition.version}
        if name == "assign":
            initial.update(assignee=self.petition.assignee_id, agency=self.petition.agency_id)
        if name == "answer":
            template = selectors.answer_templates(self.petition).filter(
                pk=self.request.GET.get("template") or 0
            )
            initial["answer"] = template[0].body if template else self.petition.answer
        return self._forms[name](data, initial=initial, prefix=name, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        petition = self.petition
        can_handle = selectors.can_handle(user, petition)
        bound = kwargs.get("bound", {})
        context.update(
            petition=petition,
            info=STATE_INFO[Status(petition.status)],
            timeline=selectors.staff_timeline(petition),
            commitments=list(petition.commitments.all()),
            attachments=list(petition.attachments.all()) if can_handle else [],
            can_handle=can_handle,
            can_decide_transfer=selectors.can_decide_transfer(user, petition),
            can_answer=states.can_transition(Status(petition.status), Status.ANSWERED),
            show_contact=kwargs.get("show_contact", False),
            templates=selectors.answer_templates(petition) if can_handle else [],
            forms={name: bound.get(name) or self._form(name) for name in self._forms},
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action == "contact":
            triage.petition_contact_view(petition=self.petition, actor=request.user)
            return self.render_to_response(self.get_context_data(show_contact=True))
        if action == "publish":
            if not selectors.can_handle(request.user, self.petition):
                raise PermissionDenied
            petition_publish(
                petition=self.petition,
                actor=request.user,
                publish=request.POST.get("publish") == "1",
            )
            messages.success(request, _("Publication updated."))
            return redirect(request.path)
        if action not in self._forms:
            raise Http404
        form = self._form(action, request.POST)
        if form.is_valid():
            try:
                message = self._perform(action, form.cleaned_data)
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                messages.success(request, message)
                return redirect(request.path)
        messages.error(request, _("Nothing was saved. Check the form below."))
        return self.render_to_response(self.get_context_data(bound={action: form}))

    def _perform(self, action: str, data: dict) -> str:
        petition, actor = self.petition, self.request.user
        version = data.get("version")
        if action == "assign":
            triage.petition_assign(
                petition=petition,
                actor=actor,
                assignee=data["assignee"],
                agency=data["agency"],
                version=version,
            )
            return _("Assignment saved.")
        if action == "transition":
            triage.petition_staff_transition(
                petition=petition,
                actor=actor,
                to=Status(data["to"]),
                version=version,
                note=data["note"],
                reason=data["reason"],
                transfer_to=data["transfer_to"],
                merged_into_code=data["merged_into_code"],
            )
            return _("Status changed to “%(status)s”.") % {"status": Status(data["to"]).label}
        if action == "answer":
            triage.petition_staff_transition(
                petition=petition,
                actor=actor,
                to=Status.ANSWERED,
                version=version,
                answer=data["answer"],
            )
            return _("The answer was sent to the petitioner.")
        if action == "transfer_decision":
            triage.petition_transfer_decide(
                petition=petition,
                actor=actor,
                accept=data["accept"],
                note=data["note"],
                version=version,
            )
            return _("Transfer accepted.") if data["accept"] else _("Transfer declined.")
        if action == "note":
            triage.petition_note_add(petition=petition, actor=actor, note=data["note"])
            return _("Note added.")
        if action == "commitment":
            triage.commitment_add(petition=petition, actor=actor, **data)
            return _("Commitment recorded; it is shown on the public status page.")
        commitment = Commitment.objects.filter(
            pk=data["commitment"], petition_id=petition.pk
        ).first()
        if commitment is None:
            raise ValidationError(_("This commitment does not belong to the petition."))
        triage.commitment_set_status(commitment=commitment, actor=actor, status=data["status"])
        return _("Commitment updated.")


def case_attachment(request, pk: int, attachment_pk: int):
    """A piece of evidence of a petition, for the staff of its council (logged)."""
    from petitions.views import attachment_response

    petition = selectors.staff_petition(request.user, pk)
    if petition is None or not selectors.can_handle(request.user, petition):
        raise Http404
    attachment = triage.attachment_staff_open(
        petition=petition, actor=request.user, attachment_id=attachment_pk
    )
    if attachment is None:
        raise Http404
    return attachment_response(attachment)
