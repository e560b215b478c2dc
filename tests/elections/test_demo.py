"""The demo election: realistic for Hà Nội, every candidate marked as sample data."""

import pytest

from core.models import Ward
from elections import selectors
from elections.choices import BallotLevel
from elections.demo import load_demo_elections
from elections.models import Candidate, ElectoralUnit

pytestmark = pytest.mark.django_db


def test_all_126_wards_of_hanoi_are_mapped_and_loading_again_changes_nothing(demo_elections):
    hanoi = Ward.objects.filter(province__code="01")
    assert hanoi.count() == 126
    for level in (BallotLevel.NATIONAL_ASSEMBLY, BallotLevel.PROVINCE):
        covered = hanoi.filter(
            electoral_units__election=demo_elections, electoral_units__level=level
        ).distinct()
        assert covered.count() == 126, level
    assert not Candidate.objects.filter(is_sample=False).exists()
    count = Candidate.objects.count()
    assert load_demo_elections() is False
    assert Candidate.objects.count() == count


def test_cau_giay_gets_three_ballots(demo_elections):
    ward = Ward.objects.get(code="00167")
    ballots = selectors.ballots_for_ward(election=demo_elections, ward=ward)
    assert {ballot.unit.level for ballot in ballots} == set(BallotLevel)
    for ballot in ballots:
        assert ballot.candidate_count > ballot.unit.seats
        assert ballot.may_keep == ballot.unit.seats
    assert ElectoralUnit.objects.filter(election__is_practice=True).count() == 1
