"""Seed the topic list and the national default of the competence matrix.

Defaults follow the two-tier split since 1 July 2025: residents' everyday matters (land
use certificates of households, local roads and lighting, sanitation, social support,
schools up to lower secondary, order, administrative procedures) sit with the ward or
commune; health services are run by the province. Staff edit both in the admin and may
override a rule for their province."""

from django.db import migrations

TOPICS = [
    # slug, name, examples, level, working days to answer
    ("dat-dai-nha-o", "Đất đai, nhà ở", "Cấp giấy chứng nhận, tranh chấp, lấn chiếm, xây dựng", "ward", 20),
    ("giao-thong-ha-tang", "Giao thông, hạ tầng", "Đường hỏng, đèn đường, ngập úng, vỉa hè", "ward", 15),
    ("moi-truong-ve-sinh", "Môi trường, vệ sinh", "Rác thải, tiếng ồn, khói bụi, nước thải", "ward", 15),
    ("an-sinh-xa-hoi", "An sinh xã hội", "Trợ cấp, hộ nghèo, người cao tuổi, người khuyết tật", "ward", 15),
    ("y-te", "Y tế", "Bệnh viện, trạm y tế, bảo hiểm y tế", "province", 20),
    ("giao-duc", "Giáo dục", "Trường học, học phí, tuyển sinh", "ward", 15),
    ("an-ninh-trat-tu", "An ninh, trật tự", "Trộm cắp, tụ tập gây rối, an toàn giao thông", "ward", 10),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Hồ sơ chậm, dịch vụ công trực tuyến, thái độ cán bộ", "ward", 10),
    ("khac", "Khác", "Vấn đề không thuộc các lĩnh vực trên", "ward", 15),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("petitions", "Topic")
    CompetenceRule = apps.get_model("petitions", "CompetenceRule")
    for order, (slug, name, examples, level, days) in enumerate(TOPICS):
        topic, _created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": examples, "sort_order": order}
        )
        CompetenceRule.objects.get_or_create(
            topic=topic, province=None, defaults={"council_level": level, "answer_working_days": days}
        )


def unseed(apps, schema_editor):
    apps.get_model("petitions", "Topic").objects.filter(slug__in=[t[0] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_topics_rules_petitions")]
    operations = [migrations.RunPython(seed, unseed)]
