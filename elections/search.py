"""Candidates in the site search (search.documents registry): the published ones, with
the fields the official list publishes; found by name with or without accents."""

from django.utils.translation import gettext_lazy as _

from search.documents import Document, register

CANDIDATE = "candidate"


def candidate_documents(ids: list[str] | None):
    from elections.models import Candidate, ElectionPage

    pages = {page.election_id: page for page in ElectionPage.objects.live().specific()}
    rows = Candidate.objects.filter(live=True).order_by("pk")
    if ids is not None:
        rows = rows.filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()])
    for candidate in rows.iterator(chunk_size=2000):
        page = pages.get(candidate.election_id)
        if page is None:
            continue  # no public page for its election yet: nothing to link to
        yield Document(
            kind=CANDIDATE,
            object_id=str(candidate.pk),
            title=candidate.full_name,
            body=" · ".join(
                part
                for part in (candidate.occupation, candidate.workplace, candidate.hometown)
                if part
            ),
            url=page.candidate_url(candidate),
        )


def register_candidates() -> None:
    register(CANDIDATE, label=_("Candidates"), documents=candidate_documents)
