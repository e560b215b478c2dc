import gzip
import json
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from wagtail.images.forms import get_image_form
from wagtail.models import Page

from core import demo
from core.models import HomePage, SiteImage, StandardPage
from tests.factories import UserFactory
from tests.i18n import vi


@pytest.fixture
def home(db) -> HomePage:
    demo.load_demo_content()
    return HomePage.objects.get()


def test_home_page_in_vietnamese_with_demo_content(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "<title>Cử tri số</title>" in html
    assert vi("Find your ward") in html
    assert vi("Skip to main content") in html
    assert "Gửi kiến nghị" in html


def test_browser_language_does_not_switch_the_site_to_english(client, home):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html


def test_english_is_one_click_away(client, home):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Find your ward" in html


def test_standard_pages_are_served_with_breadcrumbs(client, home):
    response = client.get("/huong-dan-su-dung/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="steps"' in html
    assert 'aria-current="page"' in html


def test_images_are_served_as_avif_and_webp_with_alt_text(client, home):
    html = client.get("/").content.decode()
    assert 'type="image/avif"' in html
    assert 'type="image/webp"' in html
    image = SiteImage.objects.get()
    assert f'alt="{image.description}"' in html


def test_an_image_cannot_be_saved_without_alt_text(db):
    form_class = get_image_form(SiteImage)
    form = form_class(data={"title": "Ảnh", "description": ""}, files={})
    assert not form.is_valid()
    assert "description" in form.errors


def test_pages_created_in_code_get_ascii_vietnamese_slugs(home):
    page = home.add_child(instance=StandardPage(title="Đất đai và nhà ở", body=[]))
    assert page.slug == "dat-dai-va-nha-o"


def _compressed_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


@pytest.mark.parametrize("path", ["/", "/huong-dan-su-dung/", "/dia-ban/?q=cau+giay"])
def test_public_pages_weigh_at_most_60_kb_compressed(client, home, hanoi, path):
    """HTML + CSS + JS, gzip-compressed as the server sends them; images excluded."""
    html = client.get(path).content
    total = _compressed_size(html)
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        response = client.get(asset.decode())
        total += _compressed_size(b"".join(response.streaming_content))
    assert total <= 60 * 1024, f"{path} weighs {total} bytes compressed"


@pytest.fixture
def editor_client(db) -> Client:
    from accounts.choices import Role
    from accounts.services import user_assign_role

    user = UserFactory()
    user_assign_role(user=user, role=Role.ADMINISTRATOR)
    TOTP.activate(user, demo.DEMO_TOTP_SECRET)
    client = Client()
    client.force_login(user)
    return client


def test_admin_folds_the_slug_typed_or_synced_from_a_vietnamese_title(editor_client, home):
    url = f"/admin/pages/add/core/standardpage/{home.pk}/"
    data = {
        "title": "Đất đai",
        "slug": "đất-đai",
        "lead": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(title="Đất đai")
    assert page.slug == "dat-dai"


def test_admin_speaks_vietnamese_including_strings_wagtail_leaves_in_english(editor_client, home):
    html = editor_client.get(f"/admin/pages/add/core/standardpage/{home.pk}/").content.decode()
    assert "Lưu bản nháp" in html  # "Save draft": missing from Wagtail's own Vietnamese
    assert "Quảng bá" in html  # "Promote" tab

    # The admin's JavaScript catalogue carries ours too ("A network error occurred.").
    catalog = editor_client.get("/admin/jsi18n/").content.decode()
    assert json.dumps("Đã xảy ra lỗi mạng.") in catalog
