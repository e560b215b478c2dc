"""Candidates are found in the site search, with or without accents."""

import pytest

from elections.models import Candidate
from elections.search import CANDIDATE
from search.selectors import search_site
from search.services import documents_refresh

pytestmark = pytest.mark.django_db


def test_published_candidates_are_found_without_accents(demo_elections):
    candidate = Candidate.objects.filter(live=True).order_by("pk").first()
    documents_refresh(kind=CANDIDATE, ids=[str(candidate.pk)])
    results = search_site(candidate.full_name.lower(), kinds=[CANDIDATE])
    assert str(candidate.pk) in [str(pk) for pk in results.ids]
    from core.text import fold

    folded = search_site(fold(candidate.full_name), kinds=[CANDIDATE])
    assert str(candidate.pk) in [str(pk) for pk in folded.ids]
    hit = next(hit for hit in folded.hits if str(hit.object_id) == str(candidate.pk))
    assert "/ung-vien/" in hit.url or str(candidate.pk) in hit.url


def test_unpublished_candidates_stay_out(demo_elections):
    candidate = Candidate.objects.filter(live=True).order_by("pk").first()
    Candidate.objects.filter(pk=candidate.pk).update(live=False)
    documents_refresh(kind=CANDIDATE, ids=[str(candidate.pk)])
    results = search_site(candidate.full_name, kinds=[CANDIDATE])
    assert str(candidate.pk) not in [str(pk) for pk in results.ids]
