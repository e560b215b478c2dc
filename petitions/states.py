"""The petition state machine: one table of allowed transitions, named groups of states,
and what each state means to the citizen (ARCHITECTURE.md §4).

``petitions.services.petition_transition`` is the only writer of ``Petition.status``; it
checks this table. Tests walk every pair of states against it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from petitions.choices import Status

S = Status

ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.UNCONFIRMED: frozenset({S.RECEIVED, S.WITHDRAWN}),
    S.RECEIVED: frozenset(
        {S.ACCEPTED, S.NEEDS_CLARIFICATION, S.TRANSFER_REQUESTED, S.REJECTED, S.MERGED, S.WITHDRAWN}
    ),
    S.NEEDS_CLARIFICATION: frozenset(
        {S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS, S.REJECTED, S.WITHDRAWN}
    ),
    S.ACCEPTED: frozenset(
        {
            S.IN_PROGRESS,
            S.NEEDS_CLARIFICATION,
            S.ANSWERED,
            S.TRANSFER_REQUESTED,
            S.MERGED,
            S.WITHDRAWN,
        }
    ),
    S.IN_PROGRESS: frozenset(
        {S.ANSWERED, S.NEEDS_CLARIFICATION, S.TRANSFER_REQUESTED, S.WITHDRAWN}
    ),
    # Accepted by the receiving council → received there; declined → back where it was.
    S.TRANSFER_REQUESTED: frozenset({S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS}),
    S.ANSWERED: frozenset({S.CLOSED, S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS, S.ANSWERED, S.WITHDRAWN}),
    S.CLOSED: frozenset(),
    S.REJECTED: frozenset(),
    S.MERGED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Named groups (ARCHITECTURE.md §4).
OPEN = frozenset(
    {S.RECEIVED, S.NEEDS_CLARIFICATION, S.ACCEPTED, S.IN_PROGRESS, S.TRANSFER_REQUESTED, S.REOPENED}
)
CLOSED = frozenset({S.ANSWERED, S.CLOSED, S.REJECTED, S.MERGED, S.WITHDRAWN})
PUBLIC = OPEN | CLOSED  # everything but an unconfirmed submission
STAFF_QUEUE = frozenset({S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS, S.REOPENED})
CLOCK_PAUSED = frozenset({S.NEEDS_CLARIFICATION, S.TRANSFER_REQUESTED})
FINAL = frozenset(state for state, targets in ALLOWED_TRANSITIONS.items() if not targets)
# States a citizen may leave by withdrawing.
WITHDRAWABLE = frozenset(
    state for state in ALLOWED_TRANSITIONS if S.WITHDRAWN in ALLOWED_TRANSITIONS[state]
)


def can_transition(source: Status, target: Status) -> bool:
    return target in ALLOWED_TRANSITIONS[Status(source)]


@dataclass(frozen=True)
class StateInfo:
    """What the citizen reads about a state: what it means, who holds the petition now,
    and what happens next."""

    explanation: Promise
    holder: Promise
    next_step: Promise


STATE_INFO: dict[Status, StateInfo] = {
    S.UNCONFIRMED: StateInfo(
        _("We have your petition but you have not confirmed your contact yet."),
        _("You"),
        _(
            "Enter the code we sent you, or open the link in the message, "
            "to send it to the council."
        ),
    ),
    S.RECEIVED: StateInfo(
        _("The council has received your petition and will check it."),
        _("The council"),
        _("Staff check that it is complete and decide who handles it."),
    ),
    S.NEEDS_CLARIFICATION: StateInfo(
        _("The council needs more information from you. The deadline is paused until you reply."),
        _("You"),
        _("Read the council's question and reply; the clock starts again when you do."),
    ),
    S.ACCEPTED: StateInfo(
        _(
            "The council has accepted your petition and given it to the person or agency "
            "responsible."
        ),
        _("The council"),
        _("The responsible person looks into it and prepares an answer."),
    ),
    S.IN_PROGRESS: StateInfo(
        _("Your petition is being handled."),
        _("The council"),
        _("You will receive the answer by the expected date."),
    ),
    S.TRANSFER_REQUESTED: StateInfo(
        _(
            "Your petition is for another council; we have asked it to take it over. "
            "The deadline is paused."
        ),
        _("Both councils"),
        _("The other council accepts it, or explains why not and it comes back here."),
    ),
    S.ANSWERED: StateInfo(
        _("The council has answered your petition."),
        _("You"),
        _(
            "Read the answer and tell us whether it resolves your problem. "
            "You may dispute it until the date shown."
        ),
    ),
    S.REOPENED: StateInfo(
        _("You disputed the answer, so the council is looking at your petition again."),
        _("The council"),
        _("The council reviews it and answers again."),
    ),
    S.CLOSED: StateInfo(
        _("The petition is closed."),
        _("Nobody"),
        _("Nothing more happens. You can file a new petition if the problem comes back."),
    ),
    S.REJECTED: StateInfo(
        _("The council did not accept this petition; the reason is shown below."),
        _("Nobody"),
        _("If the reason says where to go instead, take your petition there."),
    ),
    S.MERGED: StateInfo(
        _(
            "Someone raised the same problem; your petition now follows theirs, "
            "and you will hear about it."
        ),
        _("The council"),
        _("Follow the linked petition; its answer is your answer."),
    ),
    S.WITHDRAWN: StateInfo(
        _("The petition was withdrawn by the person who filed it."),
        _("Nobody"),
        _("Nothing more happens."),
    ),
}
