"""The Elasticsearch backend, offline: the mapping and the request bodies (to_dict()).
Against a server, the contract suite covers it when ELASTICSEARCH_URL is set."""

import json

from search.backends.elasticsearch import SearchEntry, build_search, index_definition
from search.highlight import MARK_CLOSE, MARK_OPEN, from_tagged
from search.query import SearchQuery


def body(**kwargs) -> dict:
    return build_search(SearchQuery(**kwargs)).to_dict()


def test_mapping_folds_vietnamese_including_d_with_stroke():
    definition = index_definition("cutri-search-test").to_dict()
    analysis = definition["settings"]["analysis"]
    folding = analysis["analyzer"]["vi_folding"]
    assert folding["filter"] == ["lowercase", "asciifolding"]
    assert analysis["char_filter"]["vi_d_stroke"]["mappings"] == ["đ => d", "Đ => D"]
    assert analysis["filter"]["vi_edge"]["type"] == "edge_ngram"
    properties = definition["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "vi_folding"
    assert properties["title"]["fields"]["autocomplete"] == {
        "type": "text",
        "analyzer": "vi_autocomplete",
        "search_analyzer": "vi_folding",
    }
    for facet in ("topic_id", "ward_id", "council_id", "year"):
        assert properties[facet]["type"] == "integer"
    assert properties["status"]["type"] == "keyword"
    # Nothing personal is mapped: there is no field to put it in.
    assert not {"contact_name", "contact_email", "contact_phone", "petitioner"} & set(properties)
    assert set(properties) == set(SearchEntry._doc_type.mapping.to_dict()["properties"])


def test_public_search_filters_inside_the_query_and_asks_for_facets():
    request = body(text="Đất đai Cầu Giấy", kinds=("petition",), statuses=("received",))
    query = request["query"]["bool"]
    assert {"term": {"is_public": True}} in query["filter"]
    assert {"terms": {"kind": ["petition"]}} in query["filter"]
    assert {"terms": {"status": ["received"]}} in query["filter"]
    text = query["must"][0]["bool"]["should"]
    assert text[0]["multi_match"]["query"] == "dat dai cau giay"  # folded before it is sent
    assert text[0]["multi_match"]["operator"] == "and"
    assert text[1] == {
        "match": {"title.autocomplete": {"query": "dat dai cau giay", "operator": "and"}}
    }
    assert text[2]["multi_match"]["fuzziness"] == "AUTO"
    assert set(request["aggs"]) == {"topic", "status", "ward", "council", "year"}
    assert request["aggs"]["ward"] == {"terms": {"field": "ward_id", "size": 50}}
    assert request["track_total_hits"] is True


def test_staff_scope_is_a_filter_in_the_query_never_afterwards():
    request = body(text="rác", public_only=False, council_ids=(7, 9))
    query = request["query"]["bool"]
    assert {"terms": {"council_id": [7, 9]}} in query["filter"]
    assert {"term": {"is_public": True}} not in query["filter"]
    empty = body(text="rác", public_only=False, council_ids=())
    assert {"terms": {"council_id": []}} in empty["query"]["bool"]["filter"]


def test_chosen_facets_are_filters():
    request = body(filters={"ward": (4435,), "year": (2026, 2025)})
    assert {"terms": {"ward_id": [4435]}} in request["query"]["bool"]["filter"]
    assert {"terms": {"year": [2026, 2025]}} in request["query"]["bool"]["filter"]
    assert request["query"]["bool"]["must"] == [{"match_all": {}}]


def test_phrases_and_similar_petitions():
    phrase = body(text='"giấy chứng nhận" đất')
    assert {"match_phrase": {"folded": "giay chung nhan"}} in phrase["query"]["bool"]["must"]
    similar = body(text="xin cấp giấy", match="any", boost={"ward_id": 5, "topic_id": 2})
    assert similar["query"]["bool"]["must"][0]["multi_match"]["operator"] == "or"
    assert {"term": {"ward_id": {"value": 5, "boost": 4.0}}} in similar["query"]["bool"]["should"]
    assert {"term": {"topic_id": {"value": 2, "boost": 2.0}}} in similar["query"]["bool"]["should"]


def test_stable_sort_pagination_and_highlight():
    request = body(text="đường", page=3, per_page=10)
    assert request["from"] == 20 and request["size"] == 10
    assert request["sort"] == [
        "_score",
        {"sort_at": {"order": "desc", "missing": "_last"}},
        {"object_id": {"order": "desc"}},
    ]
    assert request["highlight"]["pre_tags"] == [MARK_OPEN]
    assert request["highlight"]["post_tags"] == [MARK_CLOSE]
    assert set(request["highlight"]["fields"]) == {"title", "body"}


def test_query_syntax_never_reaches_elasticsearch():
    for text in ["title:(dat OR dai) AND *", '"unbalanced', "dat~ dai^5 /.*/ [* TO *]", "<script>"]:
        request = json.dumps(body(text=text))
        for dangerous in ("query_string", "simple_query_string", "OR", "*", "~", "^5", "<"):
            assert dangerous not in request.replace('"_score"', "")


def test_highlight_fragments_are_escaped_except_our_marks():
    fragment = f"<b>x</b> {MARK_OPEN}Đất{MARK_CLOSE} đai"
    assert from_tagged(fragment) == "&lt;b&gt;x&lt;/b&gt; <mark>Đất</mark> đai"
