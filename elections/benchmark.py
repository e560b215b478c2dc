"""The candidate-information benchmark (manage.py benchmark_elections): national-scale
seeding with bulk_create, and the timed operations. Runs only in a scratch database."""

from __future__ import annotations

import random
import resource
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Site

from core.choices import CouncilLevel, DivisionType
from core.models import Council, Province, Ward
from elections.choices import BallotLevel, Gender
from elections.models import Candidacy, Candidate, Election, ElectionPage, ElectoralUnit
from elections.text import name_sort_key

PROVINCES = 34
WARDS = 3321
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Ngọc", "Quang", "Hữu", "Thanh", "Hồng"]
_GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Hằng",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Oanh",
    "Phong",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tùng",
    "Uyên",
    "Vân",
    "Việt",
    "Yến",
    "Ánh",
    "Ân",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


def _progress(label: str, done: int, total: int) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r  {label:<24} [{'#' * filled}{'.' * (width - filled)}] {done:>7}/{total}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


@dataclass
class Seed:
    election: Election
    page: ElectionPage
    ward_unit_ids: list[int]
    candidate_ids: list[int]
    ward_codes: list[str]
    draft_province: Province


def seed(*, candidates: int = 200_000, rng: random.Random | None = None) -> Seed:
    """34 provinces, 3,321 wards and their councils; ≈11,000 units; ``candidates`` names."""
    rng = rng or random.Random(2026)  # noqa: S311 - repeatable benchmark data
    provinces = Province.objects.bulk_create(
        Province(
            code=f"{index + 1:02d}",
            name=f"Tỉnh Thử {index + 1}",
            short_name=f"Thử {index + 1}",
            division_type=DivisionType.PROVINCE,
            codename=f"tinh_thu_{index + 1}",
            name_folded=f"tinh thu {index + 1}",
        )
        for index in range(PROVINCES)
    )
    wards = Ward.objects.bulk_create(
        Ward(
            code=f"{index + 1:05d}",
            name=f"Phường Thử {index + 1}",
            short_name=f"Thử {index + 1}",
            division_type=DivisionType.WARD,
            province=provinces[index % PROVINCES],
            codename=f"phuong_thu_{index + 1}",
            name_folded=f"phuong thu {index + 1}",
        )
        for index in range(WARDS)
    )
    province_councils = Council.objects.bulk_create(
        Council(level=CouncilLevel.PROVINCE, province=p, name=f"HĐND {p.name}") for p in provinces
    )
    ward_councils = Council.objects.bulk_create(
        Council(level=CouncilLevel.WARD, province=w.province, ward=w, name=f"HĐND {w.name}")
        for w in wards
    )
    election = Election.objects.create(
        name="Bầu cử thử", slug="bau-cu-thu", election_day=date(2026, 3, 15)
    )
    wards_by_province: dict[int, list[Ward]] = {}
    for ward in wards:
        wards_by_province.setdefault(ward.province_id, []).append(ward)

    units, unit_wards = [], []
    for province, council in zip(provinces, province_councils, strict=True):
        own = wards_by_province[province.pk]
        for level, count, seats, body in (
            (BallotLevel.NATIONAL_ASSEMBLY, 5, 3, None),
            (BallotLevel.PROVINCE, 25, 3, council),
        ):
            for number in range(1, count + 1):
                units.append(
                    ElectoralUnit(
                        election=election,
                        level=level,
                        province=province,
                        council=body,
                        number=number,
                        name=f"Đơn vị bầu cử số {number}",
                        seats=seats,
                    )
                )
                unit_wards.append(
                    own[(number - 1) * len(own) // count : number * len(own) // count]
                )
    for ward, council in zip(wards, ward_councils, strict=True):
        for number in range(1, 4):
            units.append(
                ElectoralUnit(
                    election=election,
                    level=BallotLevel.WARD,
                    province_id=ward.province_id,
                    council=council,
                    number=number,
                    name=f"Đơn vị bầu cử số {number}",
                    seats=3,
                )
            )
            unit_wards.append([ward])
    # The last province's ward councils get a fourth, unpublished unit per ward: the import
    # benchmark fills those.
    draft_province = provinces[-1]
    draft_units = [
        ElectoralUnit(
            election=election,
            level=BallotLevel.WARD,
            province=draft_province,
            council_id=council.pk,
            number=4,
            name="Đơn vị bầu cử số 4",
            seats=3,
            live=False,
        )
        for council in ward_councils
        if council.province_id == draft_province.pk
    ]
    ElectoralUnit.objects.bulk_create(units + draft_units, batch_size=2000)
    through = ElectoralUnit.wards.through
    through.objects.bulk_create(
        [
            through(electoralunit_id=unit.pk, ward_id=ward.pk)
            for unit, covered in zip(units, unit_wards, strict=True)
            for ward in covered
        ]
        + [through(electoralunit_id=u.pk, ward_id=u.council.ward_id) for u in draft_units],
        batch_size=5000,
    )

    now = timezone.now()
    created: list[int] = []
    ward_units = [u for u in units if u.level == BallotLevel.WARD]
    other_units = [u for u in units if u.level != BallotLevel.WARD]
    # ≈90 % of candidates stand for ward/commune councils, as in a real election.
    targets = [
        (ward_units, int(candidates * 0.9)),
        (other_units, candidates - int(candidates * 0.9)),
    ]
    total, done, batch = candidates, 0, 5000
    for pool, count in targets:
        for start in range(0, count, batch):
            size = min(batch, count - start)
            rows = []
            for offset in range(size):
                name = _name(rng)
                rows.append(
                    Candidate(
                        election=election,
                        full_name=name,
                        sort_key=name_sort_key(name),
                        date_of_birth=date(
                            1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28)
                        ),
                        gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                        hometown="Xã Thử",
                        ethnicity="Kinh",
                        religion="Không",
                        education="12/12",
                        qualification="Cử nhân",
                        occupation="Cán bộ",
                        workplace="Cơ quan thử",
                        source_document="Benchmark",
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
                del offset
            Candidate.objects.bulk_create(rows)
            Candidacy.objects.bulk_create(
                Candidacy(candidate=c, unit=pool[(start + i) % len(pool)])
                for i, c in enumerate(rows)
            )
            created += [c.pk for c in rows]
            done += size
            _progress("candidates", done, total)

    root = Page.get_first_root_node()
    page = ElectionPage(title="Bầu cử thử", slug="bau-cu-thu", election=election)
    root.add_child(instance=page)
    page.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": page}
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Seed(
        election=election,
        page=page,
        ward_unit_ids=[u.pk for u in units],
        candidate_ids=created,
        ward_codes=[w.code for w in wards],
        draft_province=draft_province,
    )


@dataclass
class Timing:
    operation: str
    samples: list[float]
    target_p95_ms: float | None = None
    items: int = 1  # items handled per sample, for the throughput column
    db_samples: list[float] | None = None  # time spent waiting for the database
    queries: int = 0  # queries per request (the most seen)

    @property
    def db_p95(self) -> float | None:
        if not self.db_samples:
            return None
        ordered = sorted(self.db_samples)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000

    @property
    def throughput(self) -> float:
        return self.items * len(self.samples) / sum(self.samples)


class _DatabaseClock:
    """Adds up the time each request spends in the database (connection.execute_wrapper):
    that part grows with the data; the rest is Python and templates, which grow with load."""

    def __init__(self):
        self.seconds, self.count = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def time_gets(client: Client, urls: list[str], name: str, target: float | None) -> Timing:
    samples, db_samples, queries = [], [], 0
    for url in urls:
        clock = _DatabaseClock()
        with connection.execute_wrapper(clock):
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
        db_samples.append(clock.seconds)
        queries = max(queries, clock.count)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return Timing(name, samples, target, db_samples=db_samples, queries=queries)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
