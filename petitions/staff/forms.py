"""Forms of the case page. Each carries the petition's version so a stale form is refused."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Council
from petitions import states
from petitions.choices import CommitmentStatus, RejectReason, Status
from petitions.models import Agency, Petition
from petitions.selectors import council_staff


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(VersionedForm):
    assignee = forms.ModelChoiceField(
        label=_("Staff member"), queryset=None, required=False, empty_label=_("nobody yet")
    )
    agency = forms.ModelChoiceField(
        label=_("Responsible agency"), queryset=None, required=False, empty_label=_("none")
    )

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = council_staff(petition.council_id)
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or str(user)
        self.fields["agency"].queryset = Agency.objects.filter(
            council_id=petition.council_id, is_active=True
        )


class TransitionForm(VersionedForm):
    """Every status change staff can make, limited to what the state machine allows from
    the petition's current state."""

    to = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note to the petitioner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    reason = forms.ChoiceField(
        label=_("Reason (when not accepted)"),
        required=False,
        choices=[("", "—"), *RejectReason.choices],
    )
    transfer_to = forms.ModelChoiceField(
        label=_("Transfer to council"), queryset=None, required=False
    )
    merged_into_code = forms.CharField(
        label=_("Tracking code of the petition it duplicates"), required=False, max_length=20
    )

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        targets = states.ALLOWED_TRANSITIONS[Status(petition.status)] - {
            Status.WITHDRAWN,  # only the citizen withdraws
            Status.CLOSED,  # closing follows the dispute period
            Status.REOPENED,  # only the citizen disputes
            Status.ANSWERED,  # answering has its own composer
        }
        self.fields["to"].choices = [(s.value, s.label) for s in Status if s in targets]
        self.fields["transfer_to"].queryset = (
            Council.objects.filter(province_id=petition.council.province_id)
            .exclude(pk=petition.council_id)
            .order_by("-level", "name")
        )
        self.fields["transfer_to"].help_text = _(
            "The province council, or another ward council of the province."
        )
        self.has_choices = bool(self.fields["to"].choices)


class AnswerForm(VersionedForm):
    answer = forms.CharField(
        label=_("Public answer"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000
    )


class TransferDecisionForm(VersionedForm):
    accept = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Accept: our council handles it")), ("0", _("Decline"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason (required when declining)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Internal note (staff only)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class CommitmentForm(forms.Form):
    description = forms.CharField(label=_("What will be done"), max_length=500)
    due_on = forms.DateField(label=_("By"), widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.CharField(label=_("Who is responsible"), max_length=150)


class CommitmentStatusForm(forms.Form):
    commitment = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
