"""Administrators issue and revoke partner keys in the admin: the key is shown once and
only its hash is stored; other roles cannot reach the keys."""

import re

import pytest
from django.urls import reverse

from accounts.choices import Role
from open311 import services
from open311.models import ApiKey

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_open311_apikey:list")
ADD = reverse("wagtailsnippets_open311_apikey:add")


def test_an_administrator_issues_a_key_shown_once(client, make_staff):
    admin = make_staff(Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.post(
        ADD,
        {
            "name": "Cổng dịch vụ công thử nghiệm",
            "contact_email": "KyThuat@example.vn",
            "is_trusted": "on",
            "hourly_limit": "50",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    raw_key = re.search(r'id="raw-key"[^>]*value="([^"]+)"', page).group(1)
    api_key = ApiKey.objects.get()
    assert services.api_key_authenticate(raw_key) == api_key
    assert (api_key.is_trusted, api_key.hourly_limit, api_key.created_by) == (True, 50, admin)
    assert api_key.contact_email == "kythuat@example.vn"
    assert raw_key not in str(ApiKey.objects.values().get())
    # Never again: not in the listing, nor on the edit page.
    listing = client.get(LIST).content.decode()
    assert api_key.prefix in listing and raw_key not in listing
    edit = client.get(reverse("wagtailsnippets_open311_apikey:edit", args=[api_key.pk]))
    assert raw_key not in edit.content.decode()


def test_an_administrator_revokes_a_key(client, make_staff):
    api_key, raw_key = services.api_key_issue(name="Báo điện tử thử nghiệm")
    client.force_login(make_staff(Role.ADMINISTRATOR))
    url = reverse("open311_key_revoke", args=[api_key.pk])
    assert url in client.get(LIST).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    api_key.refresh_from_db()
    assert not api_key.is_active and api_key.revoked_at is not None
    assert services.api_key_authenticate(raw_key) is None


@pytest.mark.parametrize("role", [Role.COUNCIL_STAFF, Role.OVERSIGHT, Role.EDITOR])
def test_other_roles_cannot_see_or_issue_keys(client, make_staff, hanoi_council, role):
    from core.models import Province

    scope = {}
    if role == Role.COUNCIL_STAFF:
        scope = {"council": hanoi_council}
    elif role == Role.OVERSIGHT:
        scope = {"province": Province.objects.get(code="01")}
    api_key, _ = services.api_key_issue(name="Báo điện tử thử nghiệm")
    client.force_login(make_staff(role, **scope))
    assert client.get(LIST).status_code in (302, 403)
    assert client.post(ADD, {"name": "x", "hourly_limit": "5"}).status_code in (302, 403)
    revoke = client.post(reverse("open311_key_revoke", args=[api_key.pk]))
    assert revoke.status_code in (302, 403)
    assert ApiKey.objects.count() == 1 and ApiKey.objects.get().is_active
