"""Public forms of the candidate pages: reporting an error, the practice ballot; and the
editors' import form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Province
from elections.choices import BallotLevel
from elections.models import Election

MAX_UPLOAD = 10 * 1024 * 1024


class ReportErrorForm(forms.Form):
    description = forms.CharField(
        label=_("What is wrong?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: the date of birth is wrong, or the photo is of someone else."),
        error_messages={"required": _("Please tell us what is wrong.")},
    )
    source = forms.CharField(
        label=_("Where can we check the right information? (optional)"),
        max_length=500,
        required=False,
        help_text=_("For example: the list posted at the ward's People's Committee."),
    )
    contact = forms.CharField(
        label=_("Your phone or e-mail, if we may ask you (optional)"),
        max_length=120,
        required=False,
    )
    # A field people never see; scripts that fill every field give themselves away.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 10:
            raise forms.ValidationError(
                _("Please write a little more (at least 10 characters) so editors can check.")
            )
        return text


class PracticeBallotForm(forms.Form):
    """Strike out names as on a paper ballot: ticked names are struck out."""

    struck = forms.MultipleChoiceField(
        label=_("Names you strike out"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidacies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["struck"].choices = [(str(c.pk), c.candidate.full_name) for c in candidacies]


class ImportForm(forms.Form):
    election = forms.ModelChoiceField(
        queryset=Election.objects.filter(is_practice=False), label=_("Election")
    )
    level = forms.ChoiceField(choices=BallotLevel.choices, label=_("Level"))
    province = forms.ModelChoiceField(
        queryset=Province.objects.order_by("code"), label=_("Province or city")
    )
    source_document = forms.CharField(
        label=_("Source document"),
        max_length=255,
        help_text=_("The official document the list comes from, e.g. its number and date."),
    )
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        help_text=_("One row per candidate; the first row holds the column headings."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Please upload a .csv or .xlsx file."))
        return upload
