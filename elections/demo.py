"""Demo data: the 15 March 2026 election (16th National Assembly and People's Councils
2026–2031) for Thành phố Hà Nội, with SAMPLE candidates, and a practice ballot.

Every candidate here is fictional and marked as sample data (``is_sample``, "dữ liệu
mẫu"): the names are combinations of common Vietnamese names, not people. The unit
structure is realistic: all 126 wards and communes of Hà Nội are mapped to National
Assembly and city council units, and Phường Cầu Giấy's council has its own units.
``load_demo_elections`` is idempotent.
"""

from __future__ import annotations

import itertools
from datetime import date

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from core.choices import CouncilLevel
from core.models import Council, HomePage, Province, Ward
from elections import services
from elections.choices import BallotLevel, Gender, MilestoneKind, MilestoneStatus, NominationType
from elections.models import (
    Candidacy,
    Candidate,
    Election,
    ElectionPage,
    ElectoralUnit,
    Milestone,
    ProvinceMilestone,
)
from elections.text import name_sort_key

ELECTION_SLUG = "bau-cu-2026"
PRACTICE_SLUG = "tap-bo-phieu"
PROVINCE_CODE = "01"
WARD_CODE = "00167"
SOURCE = "DỮ LIỆU MẪU — không phải danh sách chính thức"

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
_MIDDLE_M = ["Văn", "Minh", "Đức", "Quang", "Hữu", "Thành", "Tiến"]
_MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương"]
_GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hải",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thắng",
    "Vinh",
    "Ánh",
    "Đạt",
    "Hiếu",
    "Tùng",
    "Việt",
]
_GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hằng",
    "Hoa",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
    "Ân",
    "Bích",
]
_OCCUPATIONS = [
    ("Giáo viên trung học phổ thông", "Trường trung học phổ thông (mẫu)"),
    ("Bác sĩ, Phó Giám đốc bệnh viện", "Bệnh viện đa khoa (mẫu)"),
    ("Kỹ sư xây dựng", "Công ty cổ phần xây dựng (mẫu)"),
    ("Chủ tịch Hội Nông dân", "Hội Nông dân (mẫu)"),
    ("Luật sư", "Văn phòng luật sư (mẫu)"),
    ("Cán bộ Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc (mẫu)"),
    ("Doanh nhân, Giám đốc", "Công ty trách nhiệm hữu hạn (mẫu)"),
    ("Nghiên cứu viên", "Viện nghiên cứu (mẫu)"),
]
_QUALIFICATIONS = [
    "Cử nhân Luật",
    "Thạc sĩ Kinh tế",
    "Tiến sĩ Y học",
    "Kỹ sư Xây dựng",
    "Cử nhân Sư phạm",
    "Thạc sĩ Quản lý công",
]


def _names():
    """An endless supply of distinct fictional names, alternating men and women."""
    seen = set()
    for index in itertools.count():
        female = index % 2 == 1
        family = _FAMILY[(index * 7) % len(_FAMILY)]
        middle = (_MIDDLE_F if female else _MIDDLE_M)[(index * 3) % 7]
        given = (_GIVEN_F if female else _GIVEN_M)[(index * 11 + index // 20) % 20]
        name = f"{family} {middle} {given}"
        if name in seen:
            name = (
                f"{family} {middle} {(_MIDDLE_F if female else _MIDDLE_M)[(index + 1) % 7]} {given}"
            )
        if name in seen:
            continue
        seen.add(name)
        yield name, Gender.FEMALE if female else Gender.MALE, index


def _candidate(election, name, gender, index, now) -> Candidate:
    occupation, workplace = _OCCUPATIONS[index % len(_OCCUPATIONS)]
    return Candidate(
        election=election,
        full_name=name,
        sort_key=name_sort_key(name),
        date_of_birth=date(1965 + index % 30, 1 + index % 12, 1 + index % 28),
        gender=gender,
        hometown=f"Xã mẫu số {1 + index % 40}, tỉnh mẫu",
        ethnicity="Kinh" if index % 9 else "Tày",
        religion="Không" if index % 7 else "Phật giáo",
        education="12/12",
        qualification=_QUALIFICATIONS[index % len(_QUALIFICATIONS)],
        occupation=f"{occupation} (dữ liệu mẫu)",
        workplace=workplace,
        party_joined_on=date(1995 + index % 20, 1 + index % 12, 3) if index % 3 else None,
        current_deputy="" if index % 4 else "Đại biểu Hội đồng nhân dân nhiệm kỳ 2021–2026 (mẫu)",
        action_programme=(
            "Dữ liệu mẫu. Chương trình hành động minh họa: lắng nghe ý kiến cử tri mỗi quý; "
            "theo dõi việc trả lời kiến nghị; công khai kết quả tiếp xúc cử tri."
        ),
        is_sample=True,
        source_document=SOURCE,
        live=True,
        first_published_at=now,
        last_published_at=now,
    )


def _chunks(items: list, count: int) -> list[list]:
    size, extra = divmod(len(items), count)
    chunks, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


def _unit(election, level, province, number, wards, seats, council=None, area="") -> ElectoralUnit:
    unit = ElectoralUnit.objects.create(
        election=election,
        level=level,
        province=province,
        council=council,
        number=number,
        name=f"Đơn vị bầu cử số {number}",
        seats=seats,
        area_description=area,
        source_document=SOURCE,
    )
    unit.wards.set(wards)
    return unit


def _fill(units_with_sizes, election, names) -> None:
    now = timezone.now()
    pairs = []
    for unit, size in units_with_sizes:
        for _position in range(size):
            name, gender, index = next(names)
            pairs.append((unit, _candidate(election, name, gender, index, now), index))
    Candidate.objects.bulk_create([candidate for _unit, candidate, _index in pairs])
    Candidacy.objects.bulk_create(
        Candidacy(
            candidate=candidate,
            unit=unit,
            nomination_type=NominationType.SELF if index % 10 == 0 else NominationType.NOMINATED,
        )
        for unit, candidate, index in pairs
    )


_MILESTONES = [
    (MilestoneKind.CONSULTATIONS, date(2025, 12, 1), date(2026, 2, 12), "Ba lần hiệp thương."),
    (MilestoneKind.DOSSIERS, date(2025, 12, 17), date(2026, 1, 4), "Nộp hồ sơ ứng cử."),
    (MilestoneKind.LIST_ANNOUNCED, date(2026, 2, 23), date(2026, 2, 23), "Niêm yết danh sách."),
    (MilestoneKind.CAMPAIGNING, date(2026, 2, 24), date(2026, 3, 13), "Tiếp xúc cử tri."),
    (MilestoneKind.ELECTION_DAY, date(2026, 3, 15), date(2026, 3, 15), "Bỏ phiếu từ 7 giờ."),
    (MilestoneKind.RESULTS, date(2026, 3, 16), date(2026, 3, 25), "Công bố kết quả."),
]


def _home() -> Page | None:
    return HomePage.objects.first()


@transaction.atomic
def load_demo_elections() -> bool:
    """Create the demo election and practice ballot once. Returns True if created."""
    services.editor_access_sync()
    if Election.objects.filter(slug=ELECTION_SLUG).exists():
        return False
    province = Province.objects.get(code=PROVINCE_CODE)
    ward = Ward.objects.get(code=WARD_CODE)
    city_council = Council.objects.get(province=province, level=CouncilLevel.PROVINCE)
    ward_council = Council.objects.get(ward=ward, level=CouncilLevel.WARD)
    wards = list(Ward.objects.filter(province=province).order_by("code"))

    election = Election.objects.create(
        name="Bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp "
        "nhiệm kỳ 2026–2031",
        slug=ELECTION_SLUG,
        election_day=date(2026, 3, 15),
        description="Lần đầu tiên bầu cử theo mô hình chính quyền địa phương hai cấp. "
        "Người ứng cử trên trang này là dữ liệu mẫu.",
        source_document=SOURCE,
    )
    names = _names()
    # National Assembly: 10 units of 3 seats covering all 126 wards, 5 names each.
    na_units = [
        (_unit(election, BallotLevel.NATIONAL_ASSEMBLY, province, n, chunk, 3), 5)
        for n, chunk in enumerate(_chunks(wards, 10), start=1)
    ]
    # City council: 30 units of 3 seats covering all 126 wards, 5 names each.
    city_units = [
        (_unit(election, BallotLevel.PROVINCE, province, n, chunk, 3, council=city_council), 5)
        for n, chunk in enumerate(_chunks(wards, 30), start=1)
    ]
    # Phường Cầu Giấy council: 3 units by residential group (tổ dân phố).
    ward_units = [
        (
            _unit(
                election,
                BallotLevel.WARD,
                province,
                n,
                [ward],
                seats,
                council=ward_council,
                area=f"Tổ dân phố {first} đến {last} (mẫu)",
            ),
            seats + 2,
        )
        for n, (seats, first, last) in enumerate([(4, 1, 15), (4, 16, 30), (3, 31, 45)], start=1)
    ]
    _fill(na_units + city_units + ward_units, election, names)

    for kind, starts, ends, text in _MILESTONES:
        milestone = Milestone.objects.create(
            election=election, kind=kind, starts_on=starts, ends_on=ends, description=text
        )
        ProvinceMilestone.objects.create(
            milestone=milestone,
            province=province,
            status=MilestoneStatus.DONE,
            note="Dữ liệu mẫu.",
        )

    practice = Election.objects.create(
        name="Tập bỏ phiếu",
        slug=PRACTICE_SLUG,
        election_day=date(2026, 3, 15),
        description="Một lá phiếu tập dượt để làm quen cách gạch tên. Không phải bầu cử thật.",
        is_practice=True,
        source_document=SOURCE,
    )
    practice_unit = _unit(
        practice,
        BallotLevel.WARD,
        province,
        1,
        [ward],
        3,
        council=ward_council,
        area="Lá phiếu tập dượt",
    )
    _fill([(practice_unit, 5)], practice, names)

    home = _home()
    if home is not None:
        for item, title, lead in (
            (
                election,
                "Bầu cử 2026",
                "Ngày 15 tháng 3 năm 2026: bầu đại biểu Quốc hội khóa XVI và Hội đồng nhân dân "
                "nhiệm kỳ 2026–2031. Xem lá phiếu của bạn và tìm hiểu người ứng cử.",
            ),
            (practice, "Tập bỏ phiếu", "Làm quen cách gạch tên trên lá phiếu trước ngày bầu cử."),
        ):
            page = ElectionPage(title=title, slug=item.slug, election=item, lead=lead)
            home.add_child(instance=page)
            page.save_revision().publish()
    return True
