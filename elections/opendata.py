"""Open data: Popolo JSON and CSV of an election or one unit, JSON-LD for a candidate.

Popolo (https://www.popoloproject.com/specs/): a Person per candidate, an Organization
per body (the National Assembly, each People's Council), an Area per ward, a Post per
electoral unit and a Membership with role "candidate" per candidacy. Only what the
official list publishes is exported.
"""

from __future__ import annotations

import csv
import io

from core.text import split_vietnamese_name
from elections.choices import BallotLevel
from elections.models import Candidacy, Candidate, Election, ElectoralUnit

NATIONAL_ASSEMBLY_ID = "quoc-hoi"

CSV_COLUMNS = [
    "candidate_id",
    "full_name",
    "date_of_birth",
    "gender",
    "hometown",
    "ethnicity",
    "religion",
    "education",
    "qualification",
    "occupation",
    "workplace",
    "party_joined_on",
    "current_deputy",
    "level",
    "province_code",
    "council",
    "unit_id",
    "unit_number",
    "unit_name",
    "seats",
    "list_order",
    "nomination_type",
    "is_elected",
    "votes",
    "source_document",
    "source_page",
    "updated_at",
]


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _org_id(unit: ElectoralUnit) -> str:
    return f"hdnd-{unit.council_id}" if unit.council_id else NATIONAL_ASSEMBLY_ID


def person(candidate: Candidate, url: str = "") -> dict:
    family, given = split_vietnamese_name(candidate.full_name)
    data = {
        "id": f"nguoi-{candidate.pk}",
        "name": candidate.full_name,
        "family_name": family or None,
        "given_name": given or None,
        "sort_name": f"{given} {family}".strip(),
        "gender": candidate.gender or None,
        "birth_date": _iso(candidate.date_of_birth),
        "national_identity": candidate.ethnicity or None,
        "links": [{"url": url, "note": "Cử tri số"}] if url else [],
        "sources": [{"url": candidate.source_url, "note": candidate.source_document}]
        if candidate.source_url
        else [],
        "updated_at": candidate.updated_at.isoformat() if candidate.updated_at else None,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def popolo(candidacies: list[Candidacy], *, url_for_candidate=None) -> dict:
    """A Popolo document of the given candidacies (units and candidates included)."""
    persons, organizations, posts, areas, memberships = {}, {}, {}, {}, []
    unit_ids = {c.unit_id for c in candidacies}
    ward_map: dict[int, list] = {}
    for unit_id, code, name in (
        ElectoralUnit.wards.through.objects.order_by("ward__name_folded")
        .filter(electoralunit_id__in=unit_ids)
        .values_list("electoralunit_id", "ward__code", "ward__name")
    ):
        ward_map.setdefault(unit_id, []).append((code, name))
    for candidacy in candidacies:
        unit, candidate = candidacy.unit, candidacy.candidate
        url = url_for_candidate(candidate) if url_for_candidate else ""
        persons.setdefault(candidate.pk, person(candidate, url))
        org_id = _org_id(unit)
        if org_id not in organizations:
            organizations[org_id] = {
                "id": org_id,
                "name": unit.council.name if unit.council_id else "Quốc hội",
                "classification": "legislature",
            }
        post_id = f"don-vi-{unit.pk}"
        if post_id not in posts:
            unit_wards = ward_map.get(unit.pk, [])
            province_area = f"tinh-{unit.province.code}"
            areas.setdefault(
                province_area,
                {
                    "id": province_area,
                    "name": unit.province.name,
                    "identifier": unit.province.code,
                    "classification": "tỉnh, thành phố",
                },
            )
            for code, name in unit_wards:
                areas.setdefault(
                    f"xa-{code}",
                    {
                        "id": f"xa-{code}",
                        "name": name,
                        "identifier": code,
                        "classification": "xã, phường",
                        "parent_id": province_area,
                    },
                )
            covered = ", ".join(name for _code, name in unit_wards)
            areas[f"khu-vuc-{post_id}"] = {
                "id": f"khu-vuc-{post_id}",
                "name": f"{unit.name}: {covered}" if covered else unit.name,
                "classification": "đơn vị bầu cử",
                "parent_id": province_area,
            }
            posts[post_id] = {
                "id": post_id,
                "label": f"{unit.name} — {organizations[org_id]['name']}",
                "role": "Đại biểu",
                "organization_id": org_id,
                "area_id": f"khu-vuc-{post_id}",
            }
        membership = {
            "id": f"ung-cu-{candidacy.pk}",
            "person_id": f"nguoi-{candidate.pk}",
            "organization_id": org_id,
            "post_id": post_id,
            "role": "candidate",
            "label": candidacy.get_nomination_type_display() or None,
        }
        memberships.append({k: v for k, v in membership.items() if v is not None})
    return {
        "persons": list(persons.values()),
        "organizations": list(organizations.values()),
        "posts": list(posts.values()),
        "areas": list(areas.values()),
        "memberships": memberships,
    }


def csv_text(candidacies) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 with Vietnamese correctly only with a BOM
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for c in candidacies:
        candidate, unit = c.candidate, c.unit
        writer.writerow(
            [
                candidate.pk,
                candidate.full_name,
                _iso(candidate.date_of_birth) or "",
                candidate.gender,
                candidate.hometown,
                candidate.ethnicity,
                candidate.religion,
                candidate.education,
                candidate.qualification,
                candidate.occupation,
                candidate.workplace,
                _iso(candidate.party_joined_on) or "",
                candidate.current_deputy,
                unit.level,
                unit.province.code,
                unit.council.name if unit.council_id else "Quốc hội",
                unit.pk,
                unit.number,
                unit.name,
                unit.seats,
                c.list_order or "",
                c.nomination_type,
                "" if c.is_elected is None else int(c.is_elected),
                c.votes if c.votes is not None else "",
                candidate.source_document,
                candidate.source_page,
                _iso(candidate.updated_at),
            ]
        )
    return buffer.getvalue()


def candidate_jsonld(
    candidate: Candidate, election: Election, *, url: str, image_url: str = ""
) -> dict:
    """schema.org Person, with what the official list publishes."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": url,
        "url": url,
        "name": candidate.full_name,
        "birthDate": _iso(candidate.date_of_birth),
        "gender": {"male": "Male", "female": "Female"}.get(candidate.gender),
        "jobTitle": candidate.occupation or None,
        "worksFor": {"@type": "Organization", "name": candidate.workplace}
        if candidate.workplace
        else None,
        "image": image_url or None,
        "subjectOf": {
            "@type": "Event",
            "name": election.name,
            "startDate": _iso(election.election_day),
        },
    }
    roles = []
    for candidacy in candidate.candidacies.all():
        unit = candidacy.unit
        roles.append(
            {
                "@type": "Role",
                "roleName": "Người ứng cử",
                "memberOf": {
                    "@type": "GovernmentOrganization",
                    "name": unit.council.name if unit.council_id else "Quốc hội",
                },
                "description": unit.name,
            }
        )
    if roles:
        data["memberOf"] = roles
    return {k: v for k, v in data.items() if v is not None}


def level_of(unit: ElectoralUnit) -> str:
    return BallotLevel(unit.level).label
