"""Forms of the filing steps. Each validates one step; the draft lives in the session
(petitions/views.py) until the review step hands it to ``petition_submit``."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from petitions.choices import Satisfaction
from petitions.models import Topic

phone_validator = RegexValidator(
    r"^(\+84|0)[1-9]\d{8,9}$",
    _("Enter a Vietnamese phone number, e.g. 0912 345 678."),
)


def _clean_phone(value: str) -> str:
    phone = "".join(value.split()).replace(".", "").replace("-", "")
    if phone:
        phone_validator(phone)
    return phone


class WhatForm(forms.Form):
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("What is it about?"),
        error_messages={"required": _("Choose the topic closest to your problem.")},
    )
    title = forms.CharField(
        label=_("Your petition in one sentence"),
        max_length=200,
        min_length=10,
        help_text=_("e.g. “The street light in lane 12 has been broken for three weeks”."),
        error_messages={"required": _("Write your petition in one sentence.")},
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        max_length=5000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, since when, and what you would like the council to do."),
        error_messages={"required": _("Describe the problem so the council can act on it.")},
    )
    location = forms.CharField(
        label=_("Exact place (optional)"),
        max_length=255,
        required=False,
        help_text=_("House number, lane, residential group…"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].label_from_instance = lambda topic: topic.name


class ContactForm(forms.Form):
    """Who files: the citizen themself. Signed-in citizens only choose what to show."""

    contact_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        error_messages={"required": _("Enter your full name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    show_name = forms.BooleanField(
        label=_("Show my name on the public page of this petition"),
        required=False,
        help_text=_("Your e-mail and phone number are never shown."),
    )

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        if account is not None:
            # The account's verified address is the contact; it cannot be changed here.
            del self.fields["contact_email"]
        else:
            self.fields["contact_email"].help_text = _(
                "We send a code to your e-mail or phone to confirm it is you. Give at least one."
            )

    def clean_contact_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("contact_phone", ""))

    def clean(self):
        cleaned = super().clean()
        if self.account is None and not (
            cleaned.get("contact_email") or cleaned.get("contact_phone")
        ):
            raise forms.ValidationError(
                _("Give an e-mail address or a phone number so we can send you the code."),
                code="no_contact",
            )
        return cleaned


class ResidentForm(ContactForm):
    """A digital ambassador files for a resident: the resident's name and contact, and
    their recorded consent."""

    consent = forms.BooleanField(
        label=_(
            "The resident agreed that I file this petition for them and share their "
            "contact with the council"
        ),
        error_messages={"required": _("Ask the resident for their consent first.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs["account"] = None
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].label = _("Resident's full name")
        self.fields["contact_email"].label = _("Resident's e-mail")
        self.fields["contact_phone"].label = _("Resident's phone number")
        self.fields["contact_email"].help_text = _("Updates go to the resident. Give at least one.")
        self.fields["show_name"].label = _("Show the resident's name on the public page")


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        label=_("Does the answer resolve your problem?"),
        error_messages={"required": _("Choose one answer.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required if you are not satisfied: say what is still wrong."),
    )


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=24,
        help_text=_("e.g. KN-AB3D-EF4H-JK5M, as in the message you received."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    contact = forms.CharField(
        label=_("The e-mail or phone number you gave"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
