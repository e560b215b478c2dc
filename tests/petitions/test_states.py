"""Every pair of states against the transition table: allowed ones succeed, forbidden ones
are refused and leave nothing behind."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from petitions import states
from petitions.choices import RejectReason, Status
from petitions.models import PetitionEvent
from petitions.services import petition_transition
from tests.petitions.conftest import force_status

PAIRS = list(itertools.product(Status, Status))


def _arguments(target: Status, *, other_petition, other_council) -> dict:
    return {
        Status.REJECTED: {"reason": RejectReason.DUPLICATE},
        Status.MERGED: {"merged_into": other_petition},
        Status.ANSWERED: {"answer": "Ủy ban đã cấp giấy chứng nhận ngày 5/3."},
        Status.TRANSFER_REQUESTED: {"transfer_to": other_council},
    }.get(target, {})


@pytest.mark.parametrize(
    ("source", "target"), PAIRS, ids=[f"{s.value}->{t.value}" for s, t in PAIRS]
)
def test_transition_table(file_petition, hanoi_council, source, target):
    petition = file_petition()
    other = file_petition(title="Một kiến nghị khác")
    start = {"transfer_to": hanoi_council, "transfer_return_status": target}
    if source == Status.UNCONFIRMED:
        start = {"council": None}
    petition = force_status(petition, source, **(start if source != Status.RECEIVED else {}))
    events_before = PetitionEvent.objects.filter(petition=petition).count()
    arguments = _arguments(target, other_petition=other, other_council=hanoi_council)

    if target in states.ALLOWED_TRANSITIONS[source]:
        if source == Status.UNCONFIRMED:
            petition.council = hanoi_council  # routed on confirmation in real use
            petition.save()
        petition = petition_transition(petition=petition, to=target, **arguments)
        petition.refresh_from_db()
        assert petition.status == target
        event = PetitionEvent.objects.filter(petition=petition).latest("id")
        assert (event.from_status, event.to_status) == (source, target)
    else:
        with pytest.raises(ValidationError) as refused:
            petition_transition(petition=petition, to=target, **arguments)
        assert refused.value.code == "invalid_transition"
        petition.refresh_from_db()
        assert petition.status == source
        assert PetitionEvent.objects.filter(petition=petition).count() == events_before


def test_groups_partition_the_states():
    assert states.OPEN.isdisjoint(states.CLOSED)
    assert states.OPEN | states.CLOSED | {Status.UNCONFIRMED} == set(Status)
    assert states.STAFF_QUEUE <= states.OPEN
    assert states.CLOCK_PAUSED <= states.OPEN
    assert {Status.CLOSED, Status.REJECTED, Status.MERGED, Status.WITHDRAWN} == states.FINAL


def test_every_state_explains_itself_in_vietnamese():
    from django.utils.translation import override

    with override("vi"):
        for status in Status:
            info = states.STATE_INFO[status]
            assert all(str(text) for text in (info.explanation, info.holder, info.next_step))
