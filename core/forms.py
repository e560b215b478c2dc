"""Forms shared across apps: the province → ward picker."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import selectors
from core.models import Province, Ward


class WardPickerForm(forms.Form):
    """Pick a ward in two steps that work without JavaScript: narrow by province
    and/or by typing part of the name (with or without diacritics), then choose.

    Embed it in any form that needs a ward (``prefix`` keeps the names apart) and render
    it with ``{% include "components/ward_picker.html" with picker=form %}``.
    """

    province = forms.ModelChoiceField(
        queryset=Province.objects.order_by("code"),
        to_field_name="code",
        required=False,
        label=_("Province or city"),
        empty_label=_("— all 34 provinces and cities —"),
        error_messages={
            "invalid_choice": _(
                "We do not know this province or city. Please choose one from the list."
            )
        },
    )
    q = forms.CharField(
        required=False,
        max_length=100,
        label=_("Ward or commune name"),
        help_text=_("For example: cau giay, Cầu Giấy, dong da. Diacritics are optional."),
    )
    ward = forms.CharField(required=False, max_length=5, label=_("Ward or commune"))

    def __init__(self, *args, ward_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward_required = ward_required
        self.fields["q"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "enterkeyhint": "search"}
        )

    def clean_ward(self) -> Ward | None:
        code = self.cleaned_data.get("ward", "").strip()
        if not code:
            if self.ward_required:
                raise forms.ValidationError(_("Please choose your ward or commune."))
            return None
        ward = selectors.ward_by_code(code)
        if ward is None:
            raise forms.ValidationError(
                _(
                    "We do not know the ward or commune code “%(code)s”. "
                    "Please search again and choose from the list."
                ),
                params={"code": code[:5]},
                code="unknown_ward",
            )
        return ward

    def clean(self):
        cleaned = super().clean()
        province, ward = cleaned.get("province"), cleaned.get("ward")
        if province and ward and ward.province_id != province.id:
            self.add_error(
                "ward",
                _("%(ward)s is not in %(province)s. Please choose again.")
                % {"ward": ward.name, "province": province.name},
            )
        return cleaned

    def results(self) -> list[Ward]:
        """Wards matching the province and words entered so far (call after is_valid)."""
        if not hasattr(self, "cleaned_data"):
            return []
        return selectors.wards_search(
            query=self.cleaned_data.get("q", ""), province=self.cleaned_data.get("province")
        )
