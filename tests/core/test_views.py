import pytest
from django.urls import reverse

from tests.i18n import vi

URL = reverse("core:ward_picker")


def test_search_lists_matching_wards_as_choices(client, hanoi):
    response = client.get(URL, {"q": "cau giay"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="00167"' in html
    assert "Phường Cầu Giấy" in html


def test_choosing_a_ward_shows_its_two_councils(client, cau_giay):
    response = client.get(URL, {"ward": cau_giay.code})
    html = response.content.decode()
    assert "Hội đồng nhân dân phường Cầu Giấy" in html
    assert "Hội đồng nhân dân thành phố Hà Nội" in html


def test_unknown_ward_code_gets_a_clear_vietnamese_message(client, hanoi):
    response = client.get(URL, {"ward": "99999"})
    assert response.status_code == 400
    message = vi(
        "We do not know the ward or commune code “%(code)s”. "
        "Please search again and choose from the list.",
        code="99999",
    )
    assert message in response.content.decode()


def test_unknown_province_gets_a_clear_message(client, hanoi):
    response = client.get(URL, {"province": "99", "q": "cau giay"})
    assert response.status_code == 400
    assert vi("We do not know this province or city. Please choose one from the list.") in (
        response.content.decode()
    )


def test_ward_outside_the_chosen_province_is_refused(client, cau_giay):
    from core.services import places_sync

    places_sync()
    response = client.get(URL, {"province": "79", "ward": cau_giay.code})
    assert response.status_code == 400
    assert "Phường Cầu Giấy" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["x" * 1000, "'; DROP TABLE core_ward; --", '"', "%%%", "<script>"]
)
def test_odd_queries_render_a_normal_page(client, hanoi, query):
    response = client.get(URL, {"q": query})
    assert response.status_code in (200, 400)
    assert "<script>" not in response.content.decode().split("</header>", 1)[1].split("<footer")[0]


def test_options_fragment_for_the_script(client, hanoi):
    response = client.get(reverse("core:ward_options"), {"where-q": "dong da", "prefix": "where"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'name="where-ward"' in html
    assert "Phường Đống Đa" in html


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_missing_page_gets_a_vietnamese_404(client, db):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert vi("Page not found") in response.content.decode()
