"""Reads of places (provinces, wards, councils). Places are public data: no scoping."""

from django.db.models import Q, QuerySet

from core.choices import CouncilLevel
from core.models import Council, Province, Ward
from core.text import search_terms

# Enough candidates to rank; a query that matches more is too vague to list them all.
_CANDIDATES = 400


def provinces_all() -> QuerySet[Province]:
    return Province.objects.order_by("code")


def province_by_code(code: str) -> Province | None:
    return Province.objects.filter(code=code).first()


def ward_by_code(code: str) -> Ward | None:
    return Ward.objects.select_related("province").filter(code=code).first()


def wards_search(
    *, query: str = "", province: Province | None = None, limit: int = 30
) -> list[Ward]:
    """Wards whose name (or province name) holds every folded word of ``query``.

    "cau giay", "Cầu Giấy" and "CẦU GIẤY" all find "Phường Cầu Giấy"; "dong da" finds
    "Phường Đống Đa". The best matches come first: the exact name, then whole words,
    then names starting with the query, then the rest in alphabetical order.
    """
    terms = search_terms(query)
    wards = Ward.objects.select_related("province")
    if province is not None:
        wards = wards.filter(province=province)
    elif not terms:
        return []
    for term in terms:
        wards = wards.filter(
            Q(name_folded__contains=term) | Q(province__name_folded__contains=term)
        )
    candidates = list(wards.order_by("name_folded")[:_CANDIDATES])
    if not terms:
        return candidates[:limit]

    wanted = " ".join(terms)

    def rank(ward: Ward) -> tuple:
        short = " ".join(search_terms(ward.short_name))
        words = set(search_terms(ward.name)) | set(search_terms(ward.province.name))
        return (
            short != wanted,
            not all(term in words for term in terms),
            not short.startswith(wanted),
            ward.name_folded,
        )

    return sorted(candidates, key=rank)[:limit]


def councils_for_ward(ward: Ward) -> list[Council]:
    """The two People's Councils a ward's residents elect and petition: ward, then province."""
    councils = Council.objects.filter(
        Q(ward=ward) | Q(province=ward.province_id, level=CouncilLevel.PROVINCE)
    )
    return sorted(councils, key=lambda council: council.level != CouncilLevel.WARD)
