"""Forms of the learning app: the visit log, enrolling a resident, campaigns, display."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning import selectors
from learning.choices import Skill
from learning.models import CoursePage, ResidentialGroup


class VisitForm(forms.Form):
    """Made for a ten-second entry on a phone: the ward is preselected when there is only
    one, the common answers are one tap away."""

    ward = forms.ModelChoiceField(
        queryset=None,
        label=_("Ward"),
        empty_label=None,
        error_messages={
            "invalid_choice": _("You do not cover this ward. Choose one of your wards."),
            "required": _("Choose the ward."),
        },
    )
    residential_group = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Residential group"),
        empty_label=_("— not given —"),
        error_messages={"invalid_choice": _("Choose one of your residential groups.")},
    )
    resident = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("A resident you enrolled"),
        empty_label=_("— a new person —"),
        error_messages={"invalid_choice": _("Choose one of the residents you have helped.")},
    )
    resident_name = forms.CharField(
        label=_("Resident's name"),
        max_length=150,
        required=False,
        help_text=_("Not needed if you chose an enrolled resident."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    resident_phone = forms.CharField(
        label=_("Resident's phone (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    skills = forms.MultipleChoiceField(
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("What did you do together?"),
        error_messages={"required": _("Tick at least one thing you did together.")},
    )
    minutes = forms.TypedChoiceField(
        choices=[(m, _("%(m)s min") % {"m": m}) for m in (10, 20, 30, 45, 60, 90)],
        coerce=int,
        initial=30,
        widget=forms.RadioSelect,
        label=_("Time spent"),
        error_messages={"required": _("Choose about how long it took.")},
    )
    people_helped = forms.IntegerField(
        label=_("People helped in the household"),
        min_value=1,
        max_value=20,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    follow_up_on = forms.DateField(
        label=_("Come back on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, e.g. 25/12/2026.")},
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    consent = forms.BooleanField(
        label=_("The resident agreed that I record this visit and their name"),
        error_messages={"required": _("Ask the resident for their consent and tick the box.")},
    )

    def __init__(self, *args, ambassador, **kwargs):
        super().__init__(*args, **kwargs)
        wards = ambassador.ambassador_wards.select_related("province").order_by("name_folded")
        self.fields["ward"].queryset = wards
        self.fields["ward"].to_field_name = "code"
        groups = selectors.groups_of_ambassador(ambassador)
        self.fields["residential_group"].queryset = groups
        self.fields["resident"].queryset = selectors.residents_of_ambassador(ambassador).order_by(
            "first_name"
        )
        if not self.fields["resident"].queryset.exists():
            del self.fields["resident"]
        if not groups.exists():
            del self.fields["residential_group"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("resident") and not cleaned.get("resident_name", "").strip():
            self.add_error(
                "resident_name", _("Enter the resident's name or choose an enrolled resident.")
            )
        follow_up = cleaned.get("follow_up_on")
        if follow_up and follow_up < timezone.localdate():
            self.add_error("follow_up_on", _("The follow-up date cannot be in the past."))
        return cleaned


class GroupsForm(forms.Form):
    """The residential groups an ambassador visits, among those of their wards."""

    groups = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Residential groups you visit"),
        error_messages={"invalid_choice": _("Choose one of your residential groups.")},
    )

    def __init__(self, *args, ambassador, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = ResidentialGroup.objects.filter(
            ward__in=ambassador.ambassador_wards.all()
        ).select_related("ward")


class EnrolForm(forms.Form):
    full_name = forms.CharField(label=_("Resident's full name"), max_length=150)
    email = forms.EmailField(
        label=_("Resident's e-mail"),
        help_text=_("They sign in later with a six-digit code sent to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Resident's phone (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        label=_("Course"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a course from the list.")},
    )
    consent = forms.BooleanField(
        label=_(
            "The resident agreed that I create an account for them with this e-mail and "
            "enrol them in the course"
        ),
        error_messages={"required": _("Ask the resident for their consent first.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("path")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Campaign name"), max_length=160)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign must end after it starts."))
        return cleaned


class TargetForm(forms.Form):
    households = forms.IntegerField(label=_("Households to visit"), min_value=1, max_value=100000)
    residents = forms.IntegerField(label=_("Residents to help"), min_value=1, max_value=500000)


class CertificateLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=24,
        help_text=_("As printed on the certificate, e.g. CN-AB3D-EF4H-JK5M."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )


class DisplayForm(forms.Form):
    large_text = forms.BooleanField(label=_("Larger text"), required=False)
    high_contrast = forms.BooleanField(label=_("High contrast (black and white)"), required=False)
