"""allauth adapters: how sign-up fills our User."""

from allauth.account.adapter import DefaultAccountAdapter

from core.text import split_vietnamese_name


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        full_name = form.cleaned_data.get("full_name", "")
        if full_name:
            user.last_name, user.first_name = split_vietnamese_name(full_name)
        if commit:
            user.save()
        return user
