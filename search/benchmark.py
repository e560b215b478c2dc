"""The search benchmark (manage.py benchmark_search): synthetic Vietnamese petitions, the
query sets, and Wagtail's own database search backend as the baseline.

Seeding writes straight into the tables with COPY (the point is searching, not filing).
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import connection
from django.utils import timezone

# Titles combine a thing and a problem (30 × 16 kinds of petition), each with its topic.
THINGS = {
    "dat-dai-nha-o": ["nhà ở", "đất công", "ranh giới", "giấy phép", "công trình"],
    "giao-thong-ha-tang": [
        "mặt đường", "đèn đường", "vỉa hè", "cống thoát", "cầu dân", "biển báo", "kênh mương",
    ],
    "moi-truong-ve-sinh": ["bãi rác", "cây xanh", "nước thải", "hồ điều", "khói bụi"],
    "an-sinh-xa-hoi": ["trợ cấp", "nhà văn", "sân chơi"],
    "y-te": ["trạm y", "bảo hiểm", "thuốc men"],
    "giao-duc": ["trường học", "học phí", "nhà trẻ"],
    "an-ninh-trat-tu": ["xe máy", "quán nhậu"],
    "thu-tuc-hanh-chinh": ["hồ sơ", "một cửa"],
}  # fmt: skip
PROBLEMS = [
    "hư hỏng", "xuống cấp", "ô nhiễm", "quá tải", "ùn tắc", "lấn chiếm", "thiếu hụt",
    "chậm trễ", "ngập úng", "sụt lún", "bất cập", "ồn ào", "mất an toàn", "bỏ hoang",
    "tăng cao", "sai phạm",
]  # fmt: skip
STREETS = [
    "Hoàng Quốc Việt", "Trần Duy Hưng", "Nguyễn Trãi", "Láng Hạ", "Đội Cấn", "Kim Mã",
    "Xuân Thủy", "Phạm Văn Đồng", "Lê Đức Thọ", "Nguyễn Chí Thanh", "Giảng Võ", "Tây Sơn",
    "Chùa Bộc", "Thái Hà", "Trường Chinh", "Giải Phóng", "Minh Khai", "Bạch Mai",
    "Lạc Long Quân", "Âu Cơ", "Nghi Tàm", "Hoàng Hoa Thám", "Văn Cao", "Liễu Giai",
    "Nguyễn Khánh Toàn", "Trần Đăng Ninh", "Dịch Vọng", "Mai Dịch", "Nghĩa Tân", "Quan Hoa",
    "Yên Hòa", "Trung Kính", "Hồ Tùng Mậu", "Cầu Diễn", "Mỹ Đình", "Phú Đô", "Tố Hữu",
    "Lê Văn Lương", "Khuất Duy Tiến", "Nguyễn Tuân", "Vũ Trọng Phụng", "Định Công",
]  # fmt: skip
SENTENCES = [
    "Tình trạng này kéo dài nhiều tháng nay.",
    "Người dân đã phản ánh nhiều lần nhưng chưa được giải quyết.",
    "Đề nghị chính quyền sớm kiểm tra và xử lý dứt điểm.",
    "Trẻ em và người già đi lại rất khó khăn.",
    "Khu dân cư có hơn hai trăm hộ bị ảnh hưởng.",
    "Tổ dân phố đã họp và thống nhất gửi kiến nghị.",
    "Mong được trả lời bằng văn bản.",
    "Vào giờ cao điểm tình hình càng nghiêm trọng.",
    "Chúng tôi gửi kèm ảnh chụp hiện trường.",
    "Việc này ảnh hưởng đến sinh hoạt hằng ngày của bà con.",
    "Đã có văn bản trả lời nhưng chưa thực hiện.",
    "Kính đề nghị Hội đồng nhân dân giám sát việc xử lý.",
]
# The planted set for recall: a place name found nowhere else, with diacritics and "đ".
PLANTED_PLACE = "xóm Đồng Đầm"
PLANTED_ISSUES = ["đường ngập úng", "đèn đường hỏng", "rác thải ứ đọng", "đất đai lấn chiếm"]
# Two-word Vietnamese queries (a thing and a problem), typed with diacritics (both
# backends can match them).
LATENCY_QUERIES = [
    "mặt đường sụt lún",
    "đèn đường hư hỏng",
    "bãi rác ô nhiễm",
    "vỉa hè lấn chiếm",
    "cống thoát ngập úng",
    "trường học quá tải",
    "học phí tăng cao",
    "hồ sơ chậm trễ",
    "cây xanh mất an toàn",
    "trạm y quá tải",
    "nước thải ô nhiễm",
    "kênh mương bỏ hoang",
]
# A query most of whose words are everywhere, reported on its own line.
BROAD_QUERY = "ô nhiễm"
# The diacritics query set: as residents type them (no marks, "d" for "đ", mixed case).
RECALL_QUERIES = {
    "dong dam": None,
    "Dong Dam": None,
    "xom dong dam": None,
    "đồng đầm": None,
    "dong dam ngap ung": "đường ngập úng",
    "den duong dong dam": "đèn đường hỏng",
    "rac thai dong dam": "rác thải ứ đọng",
    "dat dai dong dam": "đất đai lấn chiếm",
}
PLANTED_PER_ISSUE = 25


def _tracking_code(n: int) -> str:
    """A distinct code for each n, spread like real ones over the whole code space (as
    ``new_tracking_code`` draws them): n + 1 times a constant prime to the alphabet's
    size, modulo the number of codes, is a bijection."""
    from petitions.services import TRACKING_ALPHABET, TRACKING_LENGTH

    base = len(TRACKING_ALPHABET)
    n = (n + 1) * 0x9E3779B97F4A7C15 % base**TRACKING_LENGTH
    out = []
    for _ in range(TRACKING_LENGTH):
        n, digit = divmod(n, base)
        out.append(TRACKING_ALPHABET[digit])
    return "".join(out)


def seed_petitions(count: int, *, progress=None) -> dict[str, list[int]]:
    """``count`` published petitions (plus the planted ones) over Hà Nội's wards, by COPY.
    Returns the ids of the planted petitions by issue."""
    from core.models import Ward
    from petitions.models import Topic

    rng = random.Random(2026)  # noqa: S311 - reproducible synthetic data, not security
    wards = list(Ward.objects.select_related("council").values_list("pk", "council__pk"))
    topics = {topic.slug: topic.pk for topic in Topic.objects.all()}
    issues = [
        (topics[slug], f"{thing} {problem}")
        for slug, things in THINGS.items()
        for thing in things
        for problem in PROBLEMS
    ]
    statuses = ["received"] * 4 + ["accepted", "in_progress", "answered", "closed"]
    now = timezone.now()
    columns = [
        "tracking_code", "status", "status_changed_at", "topic_id", "ward_id", "location",
        "title", "description", "contact_name", "contact_email", "contact_phone", "show_name",
        "notify", "source", "confirmation_hash", "confirmation_attempts", "council_id",
        "submitted_at", "answer_working_days", "working_days_used", "reject_reason",
        "status_note", "transfer_return_status", "answer", "satisfaction",
        "satisfaction_comment", "is_published", "cosigner_count", "created_at", "updated_at",
        "deadline_state", "version",
    ]  # fmt: skip

    def row(n: int, topic_id: int, issue: str, place: str):
        ward_id, council_id = wards[n % len(wards)]
        when = now - timedelta(minutes=n % 1_500_000)
        description = " ".join(rng.sample(SENTENCES, 3))
        return (
            _tracking_code(n), statuses[n % len(statuses)], when, topic_id, ward_id, place,
            f"{issue[0].upper()}{issue[1:]} tại {place}", f"{issue.capitalize()}. {description}",
            "Người dân mẫu", f"mau{n}@example.vn", "", False, True, "online", "", 0, council_id,
            when, 20, 0, "", "", "", "", "", "", True, n % 50, when, when, "on_time", 1,
        )  # fmt: skip

    planted: dict[str, list[int]] = {issue: [] for issue in PLANTED_ISSUES}
    with connection.cursor() as cursor:
        sql = f"COPY petitions_petition ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for n in range(count):
                topic_id, issue = issues[rng.randrange(len(issues))]
                street = STREETS[rng.randrange(len(STREETS))]
                place = f"ngõ {rng.randrange(1, 400)} {street}"
                copy.write_row(row(n, topic_id, issue, place))
                if progress and n % 10_000 == 9_999:
                    progress(10_000)
            for i, issue in enumerate(PLANTED_ISSUES * PLANTED_PER_ISSUE):
                copy.write_row(row(count + i, topics["khac"], issue, PLANTED_PLACE))
        cursor.execute(
            "SELECT id, title FROM petitions_petition WHERE location = %s", [PLANTED_PLACE]
        )
        for pk, title in cursor.fetchall():
            for issue in PLANTED_ISSUES:
                if title.lower().startswith(issue):
                    planted[issue].append(pk)
        cursor.execute("ANALYZE petitions_petition")
    return planted


def expected_for(query: str, planted: dict[str, list[int]]) -> set[int]:
    issue = RECALL_QUERIES[query]
    if issue is None:
        return {pk for pks in planted.values() for pk in pks}
    return set(planted[issue])


# --- Wagtail's own database backend, on the same petitions -----------------------------


def wagtail_model():
    """The petitions table as a model Wagtail can index, made only inside the benchmark's
    process (unmanaged: no migration, no table of its own; the site's Petition stays out
    of Wagtail's index)."""
    from django.db import models
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search import index
    from wagtail.search.models import IndexEntry

    class BenchPetition(index.Indexed, models.Model):
        title = models.CharField(max_length=200)
        description = models.TextField()
        location = models.CharField(max_length=255)
        is_published = models.BooleanField()
        status = models.CharField(max_length=24)
        topic_id = models.IntegerField()
        ward_id = models.IntegerField()
        submitted_at = models.DateTimeField()

        search_fields = [
            index.SearchField("title", boost=2),
            index.SearchField("description"),
            index.SearchField("location"),
            index.FilterField("is_published"),
            index.FilterField("status"),
            index.FilterField("topic_id"),
            index.FilterField("ward_id"),
            index.FilterField("submitted_at"),
        ]

        class Meta:
            managed = False
            db_table = "petitions_petition"
            app_label = "search"

        def __str__(self) -> str:
            return self.title

    TextIDGenericRelation(IndexEntry).contribute_to_class(BenchPetition, "index_entries")
    return BenchPetition


def wagtail_index(model, *, progress=None, batch: int = 2000) -> None:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    index = backend.get_index_for_model(model)
    rows = model.objects.order_by("pk")
    last = 0
    while True:
        objs = list(rows.filter(pk__gt=last)[:batch])
        if not objs:
            break
        index.add_items(model, objs)
        last = objs[-1].pk
        if progress:
            progress(len(objs))


def wagtail_search(model, text: str, *, facets=("topic_id", "status", "ward_id")):
    """The same work as ours: the first page of published petitions matching every word,
    and each facet's counts."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    results = backend.search(text, model.objects.filter(is_published=True), operator="and")
    hits = [obj.pk for obj in results[:20]]
    counts = {name: results.facet(name) for name in facets}
    return hits, counts, results


def wagtail_ids(model, text: str, limit: int = 1000) -> set[int]:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    results = backend.search(text, model.objects.filter(is_published=True), operator="and")
    return {obj.pk for obj in results[:limit]}
