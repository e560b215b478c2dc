"""Demo data of the staff side (`make run`): agencies and answer templates for the demo
ward council, and a handful of sample petitions in different states, so the queue, the
case page and the dashboard have something to show. Sample data only: the residents are
fictional. Safe to run again (skips what exists)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.models import Ward
from petitions.choices import Satisfaction, Status
from petitions.models import Agency, AnswerTemplate, Petition, Topic
from petitions.services import petition_rate, petition_submit, triage

_AGENCIES = [
    ("Phòng Kinh tế, Hạ tầng và Đô thị", "department"),
    ("Phòng Văn hóa – Xã hội", "department"),
    ("Công an phường", "other"),
    ("Ban Pháp chế Hội đồng nhân dân phường", "committee"),
]
_TEMPLATES = [
    (
        "Đã giải quyết xong",
        None,
        "Kính gửi ông/bà,\n\nHội đồng nhân dân phường đã chuyển kiến nghị của ông/bà đến "
        "cơ quan có thẩm quyền. Kết quả giải quyết: …\n\nTrân trọng cảm ơn ông/bà đã phản ánh.",
    ),
    (
        "Đất đai: đang hoàn thiện hồ sơ cấp giấy chứng nhận",
        "dat-dai-nha-o",
        "Kính gửi ông/bà,\n\nHồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất của ông/bà "
        "đang được Phòng Kinh tế, Hạ tầng và Đô thị thẩm định. Dự kiến có kết quả trước ngày …",
    ),
]
# (title, topic slug, description, final state, days ago)
_PETITIONS = [
    (
        "Đèn đường ngõ 12 Trần Thái Tông hỏng",
        "giao-thong-ha-tang",
        "Ba cột đèn trong ngõ không sáng đã hai tuần, buổi tối đi lại rất nguy hiểm.",
        Status.ANSWERED,
        20,
    ),
    (
        "Rác thải ứ đọng đầu ngõ 5 Dịch Vọng",
        "moi-truong-ve-sinh",
        "Điểm tập kết rác không được thu gom đúng giờ, bốc mùi cả ngày.",
        Status.IN_PROGRESS,
        12,
    ),
    (
        "Chưa được cấp giấy chứng nhận quyền sử dụng đất",
        "dat-dai-nha-o",
        "Hồ sơ nộp từ năm 2019 đến nay chưa có kết quả, đã hỏi nhiều lần.",
        Status.ACCEPTED,
        40,
    ),
    (
        "Vỉa hè phố Cầu Giấy bị lấn chiếm làm chỗ để xe",
        "giao-thong-ha-tang",
        "Người đi bộ phải đi xuống lòng đường đoạn trước số 100.",
        Status.RECEIVED,
        3,
    ),
    (
        "Tiếng ồn từ quán karaoke sau 22 giờ",
        "an-ninh-trat-tu",
        "Quán hát đến khuya hằng đêm, người già và trẻ nhỏ không ngủ được.",
        Status.RECEIVED,
        1,
    ),
]


@transaction.atomic
def load_demo_petitions(*, ward_code: str, citizen_email: str, staff_email: str) -> int:
    ward = Ward.objects.select_related("council").get(code=ward_code)
    council = ward.council
    staff = User.objects.get(email=staff_email)
    citizen = User.objects.get(email=citizen_email)
    if not staff.is_council_lead:
        User.objects.filter(pk=staff.pk).update(is_council_lead=True)
    for name, kind in _AGENCIES:
        Agency.objects.get_or_create(council=council, name=name, defaults={"kind": kind})
    for title, topic_slug, body in _TEMPLATES:
        AnswerTemplate.objects.get_or_create(
            title=title,
            defaults={
                "topic": Topic.objects.filter(slug=topic_slug).first() if topic_slug else None,
                "body": body,
            },
        )
    if Petition.objects.filter(petitioner=citizen, ward=ward).exists():
        return 0
    agency = Agency.objects.get(council=council, name=_AGENCIES[0][0])
    created = 0
    for title, topic_slug, description, final, days_ago in _PETITIONS:
        topic = Topic.objects.filter(slug=topic_slug).first() or Topic.objects.first()
        petition = petition_submit(
            ward=ward,
            topic=topic,
            title=title,
            description=description,
            contact_name=citizen.get_full_name(),
            contact_email=citizen.email,
            petitioner=citizen,
        )
        Petition.objects.filter(pk=petition.pk).update(
            received_at=timezone.now() - timedelta(days=days_ago)
        )
        created += 1
        if final == Status.RECEIVED:
            continue
        triage.petition_assign(petition=petition, actor=staff, assignee=staff, agency=agency)
        triage.petition_staff_transition(petition=petition, actor=staff, to=Status.ACCEPTED)
        if final == Status.ACCEPTED:
            continue
        triage.petition_staff_transition(petition=petition, actor=staff, to=Status.IN_PROGRESS)
        triage.commitment_add(
            petition=petition,
            actor=staff,
            description="Khắc phục xong và báo lại cho người dân",
            due_on=timezone.localdate() + timedelta(days=10),
            owner=agency.name,
        )
        if final == Status.ANSWERED:
            triage.petition_staff_transition(
                petition=petition,
                actor=staff,
                to=Status.ANSWERED,
                answer="Phường đã thay ba bóng đèn và kiểm tra lại đường dây. "
                "Cảm ơn ông/bà đã phản ánh.",
            )
            petition_rate(petition=petition, rating=Satisfaction.SATISFIED)
    return created
