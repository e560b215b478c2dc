"""The contract suite: the same Vietnamese query set on every available backend (the
database always — PostgreSQL or SQLite, whichever DATABASE_URL gives — and
Elasticsearch when ELASTICSEARCH_URL is set)."""

import pytest

from search import selectors
from tests.search.conftest import CONTACT_EMAIL, CONTACT_NAME, titles

pytestmark = pytest.mark.django_db


def search(backend, text, **kwargs):
    return selectors.search_public(text, backend=backend, **kwargs)


@pytest.mark.parametrize("text", ["Đất đai", "đất đai", "dat dai", "DAT DAI", "Dat dai"])
def test_with_and_without_diacritics(corpus, backend, text):
    found = titles(search(backend, text))
    assert "Đất đai bị lấn chiếm ở ngõ 25" in found
    assert "Tranh chấp đất đai chưa công khai" not in found  # not published


@pytest.mark.parametrize("text", ["đường hỏng", "duong hong", "Đuong hong"])
def test_d_with_stroke_matches_d(corpus, backend, text):
    assert titles(search(backend, text)) == ["Đường Hoàng Quốc Việt bị hỏng nặng"]


def test_typo_finds_the_nearest_title(corpus, backend):
    results = search(backend, "hoang quoc vet")
    assert titles(results)[:1] == ["Đường Hoàng Quốc Việt bị hỏng nặng"]


def test_several_words_must_all_match(corpus, backend):
    assert titles(search(backend, "rác thu gom ngõ")) == ["Rác thải ứ đọng đầu ngõ"]
    assert titles(search(backend, "rác thu gom bệnh viện")) == []


def test_a_quoted_phrase_matches_words_side_by_side(corpus, backend):
    phrase = titles(search(backend, '"giấy chứng nhận"'))
    assert phrase == ["Chậm cấp giấy chứng nhận quyền sử dụng đất"]
    loose = titles(search(backend, "giấy chứng nhận"))
    assert set(loose) == {
        "Chậm cấp giấy chứng nhận quyền sử dụng đất",
        "Giấy tờ nhà đất: xin chứng nhận lại",
    }


@pytest.mark.parametrize("text", ["Cầu Giấy", "cau giay", "phuong cau giay"])
def test_ward_names(corpus, backend, text):
    found = set(titles(search(backend, text)))
    assert found == {
        "Đất đai bị lấn chiếm ở ngõ 25",
        "Chậm cấp giấy chứng nhận quyền sử dụng đất",
        "Đường Hoàng Quốc Việt bị hỏng nặng",
    }


def test_answers_are_searched(corpus, backend):
    assert titles(search(backend, "đã cấp lại")) == ["Giấy tờ nhà đất: xin chứng nhận lại"]


def test_the_last_word_is_a_prefix_while_typing(corpus, backend):
    assert "Rác thải ứ đọng đầu ngõ" in titles(search(backend, "rac tha"))


@pytest.mark.parametrize("text", [CONTACT_NAME, "pham thi huong", CONTACT_EMAIL, "huong.rieng.tu"])
def test_petitioners_personal_data_is_never_found(corpus, backend, text):
    assert search(backend, text).total == 0
    assert (
        selectors.search_staff(text, council_ids=_all_councils(corpus), backend=backend).total == 0
    )


def _all_councils(corpus):
    return {petition.council_id for petition in corpus.values()}


def test_facets_count_the_results(corpus, backend, topics, cau_giay):
    results = search(backend, "")
    assert results.total == 5
    facets = {name: dict(values) for name, values in results.facets.items()}
    assert facets["topic"][topics["dat-dai-nha-o"].pk] == 3
    assert facets["ward"][cau_giay.pk] == 3
    assert facets["status"] == {"received": 4, "answered": 1}
    filtered = search(backend, "đất", filters={"ward": [str(cau_giay.pk)]})
    assert set(titles(filtered)) == {
        "Đất đai bị lấn chiếm ở ngõ 25",
        "Chậm cấp giấy chứng nhận quyền sử dụng đất",
    }
    assert dict(filtered.facets["ward"]) == {cau_giay.pk: 2}


def test_pagination_is_stable_and_complete(corpus, backend):
    pages = [titles(search(backend, "", page=n, per_page=2)) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    seen = [title for page in pages for title in page]
    assert len(set(seen)) == 5
    assert pages == [titles(search(backend, "", page=n, per_page=2)) for n in (1, 2, 3)]
    assert search(backend, "", page=999, per_page=2).hits == []


def test_staff_search_stays_inside_the_scope(corpus, backend, cau_giay):
    scope = [cau_giay.council.pk]
    results = selectors.search_staff("đất đai", council_ids=scope, backend=backend)
    assert set(titles(results)) == {
        "Đất đai bị lấn chiếm ở ngõ 25",
        "Tranh chấp đất đai chưa công khai",  # unpublished: staff see it
    }
    assert {hit.council_id for hit in results.hits} == set(scope)
    assert dict(results.facets["council"]) == {cau_giay.council.pk: 2}
    assert selectors.search_staff("đất", council_ids=[], backend=backend).total == 0


def test_similar_petitions_rank_the_same_ward_and_topic_first(corpus, backend, topics, cau_giay):
    ids = selectors.similar_petition_ids(
        ward_id=cau_giay.pk,
        topic_id=topics["dat-dai-nha-o"].pk,
        title="Xin cấp giấy chứng nhận nhà đất",
        backend=backend,
    )
    first = corpus["Chậm cấp giấy chứng nhận quyền sử dụng đất"]
    other_ward = corpus["Giấy tờ nhà đất: xin chứng nhận lại"]
    assert ids[0] == first.pk
    assert other_ward.pk in ids
    assert corpus["Tranh chấp đất đai chưa công khai"].pk not in ids


BAD_INPUT = [
    "đất " * 250,
    "!!! ??? ... ,,, ;;; ---",
    "'; DROP TABLE search_searchdocument; --",
    "1' OR '1'='1",
    'title:(dat OR dai) AND body:* {"query": {"match_all": {}}}',
    "dat~ dai^5 /.*/ [* TO *] && || !",
    '"đất đai',
    'đất" đai"',
    "<script>alert(1)</script>",
    "%_%\\",
    "\x00\u200b\ufeff",
    "",
]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_is_a_normal_possibly_empty_result(corpus, backend, text):
    results = search(backend, text)
    assert results.total >= 0
    selectors.search_staff(text, council_ids=_all_councils(corpus), backend=backend)
    selectors.similar_petition_ids(ward_id=None, topic_id=None, title=text, backend=backend)


def test_highlight_marks_matches_and_escapes_the_rest(corpus, backend, citizen, cau_giay, topics):
    from petitions.services import petition_publish, petition_submit
    from search import services

    evil = petition_submit(
        ward=cau_giay,
        topic=topics["khac"],
        title='<script>alert("x")</script> Đất đai <b>đỏ</b>',
        description="<img src=x onerror=alert(1)> đất đai",
        contact_name="A",
        contact_email="a@example.vn",
        petitioner=citizen,
    )
    petition_publish(petition=evil)
    services.documents_refresh(kind="petition", ids=[str(evil.pk)])
    if backend.name == "elasticsearch":
        backend.refresh()
    hit = next(hit for hit in search(backend, "dat dai").hits if hit.object_id == str(evil.pk))
    for html in (hit.title_html, hit.snippet_html):
        assert "<script" not in html and "<img" not in html and "<b>" not in html
        assert "<mark>" in html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>Đất</mark>" in hit.title_html
