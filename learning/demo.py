"""Demo courses, ambassadors' data and the "45 ngày đêm" campaign (``manage.py load_demo``).

The courses describe the real public services as they work in 2025–2026 (the national
public-service portal dichvucong.gov.vn with a VNeID account, online birth registration,
online payment, scam safety). Residents, visits and residential groups are sample data
and say so. Safe to run again: what exists is left as it is.
"""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model

from accounts.choices import Role
from accounts.models import User
from core.demo import DEMO_PROVINCE_CODE, DEMO_WARD_CODE
from core.models import HomePage, Province, SiteImage, Ward
from learning import services
from learning.choices import Audience, Level, Skill
from learning.models import (
    AmbassadorProfile,
    Campaign,
    CampaignTarget,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ResidentialGroup,
)

AMBASSADOR_EMAIL = "dai.su@demo.cutri.vn"
CAMPAIGN_NAME = "45 ngày đêm — Phổ cập kỹ năng số (bản trình diễn)"
GROUP_NAMES = [f"Tổ dân phố số {n} (mẫu)" for n in range(1, 6)]


def _phone_drawing(name: str, accent: str, rows: int) -> ImageFile:
    """A drawn phone screen (not a real screenshot): a header bar, ``rows`` fields and a
    button. Small PNGs so the demo stays light."""
    canvas = PILImage.new("RGB", (720, 540), "#f5f3ef")
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((250, 20, 470, 520), radius=28, fill="#1b1b1b")
    draw.rounded_rectangle((262, 60, 458, 480), radius=10, fill="#ffffff")
    draw.rectangle((262, 60, 458, 110), fill=accent)
    for index in range(rows):
        top = 140 + index * 60
        draw.rounded_rectangle((280, top, 440, top + 36), radius=6, outline="#555555", width=3)
    draw.rounded_rectangle((300, 420, 420, 460), radius=8, fill=accent)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return ImageFile(buffer, name=name)


def _image(title: str, alt: str, accent: str, rows: int) -> SiteImage:
    image = SiteImage.objects.filter(title=title).first()
    if image is None:
        image = SiteImage(
            title=title,
            description=alt,
            file=_phone_drawing(f"{title[:40]}.png".replace(" ", "-"), accent, rows),
        )
        image.save()
    return image


def _guide_document():
    Document = get_document_model()
    title = "Phiếu ghi nhớ: làm thủ tục trên Cổng Dịch vụ công quốc gia"
    document = Document.objects.filter(title=title).first()
    if document is None:
        text = (
            "PHIẾU GHI NHỚ — CỔNG DỊCH VỤ CÔNG QUỐC GIA\n\n"
            "1. Địa chỉ đúng: https://dichvucong.gov.vn (đuôi .gov.vn).\n"
            "2. Đăng nhập bằng tài khoản định danh điện tử VNeID (mức 2).\n"
            "3. Chuẩn bị: căn cước, điện thoại có ứng dụng VNeID, ảnh chụp giấy tờ.\n"
            "4. Sau khi nộp, ghi lại MÃ HỒ SƠ để tra cứu.\n"
            "5. Không bao giờ đọc mã OTP, mật khẩu, passcode cho người khác.\n\n"
            "Tài liệu mẫu của Cử tri số.\n"
        )
        document = Document(title=title)
        document.file.save("phieu-ghi-nho-dich-vu-cong.txt", ContentFile(text.encode("utf-8")))
        document.save()
    return document


def _quiz(title: str, questions: list[tuple[str, list[str], int, str]]):
    """(question, answers, index of the right one, explanation) → a quiz block value."""
    return (
        "quiz",
        {
            "title": title,
            "questions": [
                {
                    "question": question,
                    "choices": [
                        {"text": text, "is_correct": i == right} for i, text in enumerate(answers)
                    ],
                    "explanation": explanation,
                }
                for question, answers, right, explanation in questions
            ],
        },
    )


def _steps(*steps):
    return (
        "steps",
        {
            "steps": [
                {
                    "title": title,
                    "detail": f"<p>{detail}</p>" if detail else "",
                    "image": {"image": image, "decorative": False, "alt_text": ""}
                    if image
                    else None,
                }
                for title, detail, image in steps
            ]
        },
    )


def _callout(tone: str, text: str):
    return ("callout", {"tone": tone, "text": f"<p>{text}</p>"})


OTP_WARNING = _callout(
    "warning",
    "Mã OTP, mật khẩu và passcode chỉ dành cho bạn. Cán bộ, công an, ngân hàng không bao giờ "
    "hỏi các mã này qua điện thoại, tin nhắn hay mạng xã hội.",
)


def _courses(images: dict, guide) -> list[dict]:
    return [
        {
            "title": "Tạo tài khoản trên Cổng Dịch vụ công quốc gia",
            "lead": "Kích hoạt tài khoản định danh điện tử VNeID rồi dùng nó để đăng nhập Cổng "
            "Dịch vụ công quốc gia — một tài khoản cho mọi thủ tục.",
            "level": Level.FIRST_STEPS,
            "duration": 20,
            "skills": [Skill.IDENTITY_APP, Skill.PORTAL_ACCOUNT],
            "need": "Điện thoại thông minh, thẻ căn cước (hoặc căn cước công dân gắn chip), "
            "số điện thoại chính chủ.",
            "lessons": [
                {
                    "title": "Kích hoạt tài khoản định danh điện tử VNeID",
                    "lead": "Tài khoản VNeID mức 2 được đăng ký tại công an xã, phường hoặc nơi "
                    "làm căn cước. Sau khi có tin nhắn báo, bạn kích hoạt trên điện thoại.",
                    "body": [
                        _steps(
                            (
                                "Cài ứng dụng VNeID.",
                                "Mở CH Play (Android) hoặc App Store (iPhone), tìm “VNeID”. Chọn "
                                "đúng ứng dụng của Trung tâm dữ liệu quốc gia về dân cư, Bộ Công "
                                "an.",
                                None,
                            ),
                            (
                                "Mở ứng dụng, chọn “Kích hoạt tài khoản định danh điện tử”.",
                                "Nhập số định danh cá nhân (12 số trên thẻ căn cước) và số điện "
                                "thoại bạn đã khai khi đăng ký.",
                                images["vneid"],
                            ),
                            (
                                "Nhập mã kích hoạt (OTP) gửi qua tin nhắn.",
                                "Mã gồm 6 chữ số, chỉ dùng một lần, hết hạn sau vài phút.",
                                None,
                            ),
                            (
                                "Đặt mật khẩu và mã passcode.",
                                "Mật khẩu có ít nhất 8 ký tự, gồm chữ hoa, chữ thường, số và ký tự "
                                "đặc biệt. Passcode gồm 6 chữ số, dùng để mở ứng dụng. Ghi nhớ, "
                                "không ghi ra giấy để cạnh điện thoại.",
                                None,
                            ),
                        ),
                        OTP_WARNING,
                        _quiz(
                            "Kiểm tra nhanh",
                            [
                                (
                                    "Tải ứng dụng VNeID ở đâu là an toàn?",
                                    [
                                        "CH Play hoặc App Store",
                                        "Đường link trong tin nhắn lạ",
                                        "Tệp do người lạ gửi qua Zalo",
                                    ],
                                    0,
                                    "Chỉ cài ứng dụng từ kho chính thức. Ứng dụng giả qua đường "
                                    "link có thể lấy cắp tiền trong tài khoản ngân hàng.",
                                ),
                                (
                                    "Có người gọi xưng là công an, xin mã OTP VNeID để “kích hoạt "
                                    "giúp”. Bạn làm gì?",
                                    [
                                        "Đọc mã cho họ",
                                        "Không đọc mã, cúp máy và báo công an phường",
                                        "Gửi ảnh căn cước cho họ",
                                    ],
                                    1,
                                    "Công an không hỏi mã OTP qua điện thoại. Người hỏi mã là kẻ "
                                    "lừa đảo.",
                                ),
                            ],
                        ),
                    ],
                },
                {
                    "title": "Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID",
                    "lead": "Lần đầu đăng nhập bằng VNeID, Cổng tự tạo tài khoản cho bạn.",
                    "body": [
                        _steps(
                            (
                                "Mở trình duyệt, gõ dichvucong.gov.vn.",
                                "Kiểm tra kỹ địa chỉ: phải có đuôi <b>.gov.vn</b>.",
                                None,
                            ),
                            (
                                "Bấm “Đăng nhập”, chọn đăng nhập bằng tài khoản định danh điện tử "
                                "(VNeID).",
                                "",
                                images["portal"],
                            ),
                            (
                                "Nhập số định danh cá nhân và mật khẩu VNeID, hoặc quét mã QR "
                                "bằng ứng dụng VNeID.",
                                "Mở ứng dụng VNeID để xác nhận đăng nhập bằng passcode.",
                                None,
                            ),
                            (
                                "Lần đầu: đồng ý chia sẻ thông tin.",
                                "Cổng lấy họ tên, ngày sinh, số định danh từ VNeID để tạo tài "
                                "khoản. Bạn không phải khai lại.",
                                None,
                            ),
                        ),
                        ("guide", {"document": guide, "label": "Tải phiếu ghi nhớ (in ra được)"}),
                        _callout(
                            "tip",
                            "Sau khi nộp hồ sơ, hãy ghi lại mã hồ sơ. Bạn dùng mã này để tra cứu "
                            "kết quả.",
                        ),
                        _quiz(
                            "Kiểm tra nhanh",
                            [
                                (
                                    "Địa chỉ nào là Cổng Dịch vụ công quốc gia?",
                                    [
                                        "dichvucong.gov.vn",
                                        "dichvucong-gov.com",
                                        "dvc-quocgia.net",
                                    ],
                                    0,
                                    "Trang của cơ quan nhà nước ở Việt Nam có đuôi .gov.vn.",
                                ),
                                (
                                    "Đăng nhập lần đầu bằng VNeID, bạn có phải khai lại họ tên, "
                                    "ngày sinh không?",
                                    ["Có, khai tất cả", "Không, Cổng lấy từ VNeID"],
                                    1,
                                    "Thông tin được lấy từ Cơ sở dữ liệu quốc gia về dân cư.",
                                ),
                            ],
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Đăng ký khai sinh trực tuyến",
            "lead": "Làm giấy khai sinh, đăng ký thường trú và thẻ bảo hiểm y tế cho con dưới "
            "6 tuổi trong một lần nộp, không phải đến trụ sở.",
            "level": Level.EVERYDAY,
            "duration": 25,
            "skills": [Skill.PORTAL_ACCOUNT, Skill.BIRTH_REGISTRATION],
            "need": "Tài khoản VNeID mức 2, ảnh chụp giấy chứng sinh của bé, giấy chứng nhận "
            "kết hôn của cha mẹ (nếu có).",
            "lessons": [
                {
                    "title": "Nộp hồ sơ khai sinh liên thông",
                    "lead": "Cha mẹ đăng ký khai sinh cho con trong 60 ngày kể từ ngày sinh. "
                    "Đăng ký đúng hạn được miễn lệ phí.",
                    "body": [
                        _steps(
                            (
                                "Đăng nhập dichvucong.gov.vn bằng VNeID.",
                                "Xem bài “Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID”.",
                                None,
                            ),
                            (
                                "Chọn dịch vụ liên thông “Đăng ký khai sinh, đăng ký thường trú, "
                                "cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi”.",
                                "Có thể gõ “khai sinh” vào ô tìm kiếm của Cổng.",
                                None,
                            ),
                            (
                                "Chọn nơi nộp: Ủy ban nhân dân xã, phường nơi cha hoặc mẹ cư trú.",
                                "",
                                None,
                            ),
                            (
                                "Khai thông tin của bé và của cha mẹ.",
                                "Họ tên, ngày sinh, giới tính, nơi sinh, quê quán, dân tộc của bé. "
                                "Thông tin cha mẹ được lấy sẵn từ tài khoản.",
                                images["form"],
                            ),
                            (
                                "Tải lên ảnh chụp giấy chứng sinh và các giấy tờ khác.",
                                "Chụp thẳng, đủ sáng, đọc rõ chữ.",
                                None,
                            ),
                            (
                                "Chọn cách nhận kết quả, kiểm tra lại và nộp.",
                                "Ghi lại mã hồ sơ. Khi có kết quả, bạn nhận giấy khai sinh, số "
                                "định danh cá nhân và thẻ bảo hiểm y tế của bé.",
                                None,
                            ),
                        ),
                        _callout(
                            "warning",
                            "Khai đúng họ tên của bé như cha mẹ đã thống nhất: sửa sau khi đã "
                            "đăng ký phải làm thủ tục thay đổi, cải chính hộ tịch.",
                        ),
                        _quiz(
                            "Kiểm tra nhanh",
                            [
                                (
                                    "Cha mẹ cần đăng ký khai sinh cho con trong bao lâu?",
                                    ["60 ngày kể từ ngày sinh", "1 năm", "Khi con đi học"],
                                    0,
                                    "Luật Hộ tịch quy định trong 60 ngày kể từ ngày sinh.",
                                ),
                                (
                                    "Giấy tờ nào cần chụp ảnh để tải lên?",
                                    ["Giấy chứng sinh", "Sổ tiết kiệm", "Bằng lái xe"],
                                    0,
                                    "Giấy chứng sinh do cơ sở y tế nơi bé sinh ra cấp.",
                                ),
                            ],
                        ),
                    ],
                }
            ],
        },
        {
            "title": "Nộp thuế, phí, lệ phí trực tuyến",
            "lead": "Thanh toán thuế, phí, lệ phí và tiền phạt vi phạm hành chính qua Cổng "
            "Dịch vụ công quốc gia, có biên lai điện tử.",
            "level": Level.EVERYDAY,
            "duration": 15,
            "skills": [Skill.ONLINE_TAX, Skill.CASHLESS_PAYMENT],
            "need": "Tài khoản VNeID mức 2, tài khoản ngân hàng có ứng dụng trên điện thoại "
            "hoặc ví điện tử.",
            "lessons": [
                {
                    "title": "Thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia",
                    "lead": "Ví dụ: thuế sử dụng đất phi nông nghiệp, lệ phí trước bạ, tiền phạt "
                    "vi phạm giao thông.",
                    "body": [
                        _steps(
                            (
                                "Đăng nhập dichvucong.gov.vn, chọn “Thanh toán trực tuyến”.",
                                "",
                                None,
                            ),
                            (
                                "Chọn khoản cần nộp và nhập mã được ghi trên giấy thông báo.",
                                "Ví dụ: mã hồ sơ, mã số thuế hoặc số quyết định xử phạt. Kiểm tra "
                                "số tiền và người nộp.",
                                images["payment"],
                            ),
                            (
                                "Chọn ngân hàng hoặc ví điện tử để thanh toán.",
                                "Bạn được chuyển sang trang hoặc ứng dụng của ngân hàng.",
                                None,
                            ),
                            (
                                "Xác nhận trong ứng dụng ngân hàng.",
                                "Bằng mã OTP, vân tay hoặc khuôn mặt — do chính bạn làm, trên điện "
                                "thoại của bạn.",
                                None,
                            ),
                            (
                                "Lưu biên lai điện tử.",
                                "Tải về hoặc chụp màn hình. Biên lai cũng được lưu trong tài khoản "
                                "của bạn trên Cổng.",
                                None,
                            ),
                        ),
                        _callout(
                            "warning",
                            "Chỉ nộp tiền vào tài khoản ghi trên thông báo của cơ quan nhà nước "
                            "hoặc qua Cổng. Không chuyển tiền cho cá nhân tự xưng là cán bộ thuế.",
                        ),
                        _quiz(
                            "Kiểm tra nhanh",
                            [
                                (
                                    "Ai được xác nhận giao dịch trong ứng dụng ngân hàng?",
                                    ["Chỉ chính bạn", "Người gọi điện hướng dẫn", "Bất kỳ ai"],
                                    0,
                                    "Không để người khác nhập OTP hay quét khuôn mặt thay bạn.",
                                ),
                                (
                                    "Sau khi nộp xong, bạn nên làm gì?",
                                    ["Lưu biên lai điện tử", "Xóa ứng dụng ngân hàng"],
                                    0,
                                    "Biên lai là bằng chứng bạn đã nộp.",
                                ),
                            ],
                        ),
                    ],
                }
            ],
        },
        {
            "title": "Phòng tránh lừa đảo, bảo vệ mã OTP",
            "lead": "Nhận biết cuộc gọi, tin nhắn lừa đảo và biết phải làm gì khi lỡ bị lừa.",
            "level": Level.FIRST_STEPS,
            "duration": 15,
            "skills": [Skill.SCAM_AWARENESS],
            "need": "",
            "lessons": [
                {
                    "title": "Năm dấu hiệu của kẻ lừa đảo",
                    "lead": "Kẻ lừa đảo thường giả làm công an, ngân hàng, nhân viên điện lực, "
                    "bưu điện hoặc người quen.",
                    "body": [
                        _steps(
                            (
                                "Hỏi mã OTP, mật khẩu hay passcode.",
                                "Không ai có quyền hỏi các mã này. Đọc mã là mất tiền.",
                                None,
                            ),
                            (
                                "Gửi đường link lạ, bảo cài ứng dụng từ link.",
                                "Ứng dụng giả có thể điều khiển điện thoại của bạn. Chỉ cài từ CH "
                                "Play, App Store.",
                                None,
                            ),
                            (
                                "Dọa nạt, hối thúc: “tài khoản bị khóa”, “liên quan vụ án”.",
                                "Công an không làm việc qua điện thoại hay cuộc gọi video và "
                                "không yêu cầu chuyển tiền để “xác minh”.",
                                None,
                            ),
                            (
                                "Hứa hẹn quà, trúng thưởng, việc nhẹ lương cao.",
                                "",
                                None,
                            ),
                            (
                                "Nhờ chuyển tiền gấp qua tin nhắn của người quen.",
                                "Gọi lại cho người đó bằng số bạn đã biết trước khi chuyển.",
                                None,
                            ),
                        ),
                        _callout(
                            "warning",
                            "Lỡ đọc mã hoặc chuyển tiền: gọi ngay tổng đài ngân hàng để khóa tài "
                            "khoản, rồi báo công an xã, phường gần nhất.",
                        ),
                        _callout(
                            "tip",
                            "Tin nhắn rác: phản ánh tới 5656. Cuộc gọi rác: gọi 156. Tra cứu trang "
                            "web lừa đảo tại canhbao.khonggianmang.gov.vn.",
                        ),
                        _quiz(
                            "Kiểm tra nhanh",
                            [
                                (
                                    "Tin nhắn báo “tài khoản ngân hàng của bạn bị khóa, bấm link "
                                    "để mở”. Bạn làm gì?",
                                    [
                                        "Bấm link và đăng nhập",
                                        "Không bấm, gọi tổng đài ghi trên thẻ ngân hàng",
                                        "Chuyển tiếp cho bạn bè",
                                    ],
                                    1,
                                    "Gọi số tổng đài in trên thẻ hoặc trong ứng dụng chính thức, "
                                    "không dùng số trong tin nhắn.",
                                ),
                                (
                                    "Mã OTP được phép đọc cho ai?",
                                    ["Không ai cả", "Công an", "Nhân viên ngân hàng"],
                                    0,
                                    "OTP chỉ để chính bạn nhập vào đúng ứng dụng, đúng trang.",
                                ),
                                (
                                    "Lỡ chuyển tiền cho kẻ lừa đảo, việc đầu tiên là gì?",
                                    [
                                        "Gọi ngay ngân hàng để khóa tài khoản",
                                        "Chờ vài ngày xem sao",
                                    ],
                                    0,
                                    "Báo càng sớm, càng có cơ hội chặn giao dịch.",
                                ),
                            ],
                        ),
                    ],
                }
            ],
        },
        {
            "title": "Tiếp nhận kiến nghị cử tri trên Cử tri số",
            "lead": "Dành cho cán bộ Hội đồng nhân dân: mở hàng đợi, phân loại và trả lời kiến "
            "nghị đúng hạn.",
            "audience": Audience.OFFICIALS,
            "level": Level.EVERYDAY,
            "duration": 10,
            "skills": [],
            "need": "Tài khoản cán bộ và ứng dụng xác thực hai lớp trên điện thoại.",
            "lessons": [
                {
                    "title": "Đăng nhập an toàn và xem kiến nghị",
                    "lead": "Tài khoản cán bộ luôn dùng xác thực hai lớp.",
                    "body": [
                        _steps(
                            ("Đăng nhập bằng email và mật khẩu.", "", None),
                            (
                                "Nhập mã 6 số từ ứng dụng xác thực.",
                                "Mã đổi sau mỗi 30 giây.",
                                None,
                            ),
                            (
                                "Mở trang quản trị, xem kiến nghị của Hội đồng nhân dân nơi bạn "
                                "làm việc.",
                                "Bạn chỉ thấy kiến nghị gửi đến Hội đồng của mình; mỗi lần xem "
                                "đều được ghi lại.",
                                None,
                            ),
                        ),
                        _quiz(
                            "Kiểm tra nhanh",
                            [
                                (
                                    "Cán bộ đăng nhập cần thêm gì ngoài mật khẩu?",
                                    ["Mã từ ứng dụng xác thực", "Không cần gì"],
                                    0,
                                    "Xác thực hai lớp bảo vệ dữ liệu cá nhân của cử tri.",
                                )
                            ],
                        ),
                    ],
                }
            ],
        },
    ]


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load_demo_courses() -> bool:
    """The course index and the demo courses, once. Returns True if created."""
    if CourseIndexPage.objects.exists():
        return False
    home = HomePage.objects.first()
    if home is None:
        return False
    images = {
        "vneid": _image(
            "Minh họa: kích hoạt VNeID",
            "Hình vẽ màn hình điện thoại với hai ô để nhập số định danh cá nhân và số điện "
            "thoại, bên dưới là nút xác nhận.",
            "#b3261e",
            2,
        ),
        "portal": _image(
            "Minh họa: đăng nhập Cổng Dịch vụ công",
            "Hình vẽ màn hình đăng nhập với một ô nhập và nút đăng nhập bằng VNeID.",
            "#1a4f8b",
            1,
        ),
        "form": _image(
            "Minh họa: tờ khai khai sinh",
            "Hình vẽ tờ khai trên điện thoại với bốn ô thông tin của bé và nút tiếp tục.",
            "#1a4f8b",
            4,
        ),
        "payment": _image(
            "Minh họa: thanh toán trực tuyến",
            "Hình vẽ màn hình thanh toán với ô nhập mã thông báo, ô số tiền và nút thanh toán.",
            "#1d6b35",
            3,
        ),
    }
    guide = _guide_document()
    index = _add(
        home,
        CourseIndexPage(
            title="Học kỹ năng số",
            slug="hoc-ky-nang-so",
            lead="Những khóa học ngắn, từng bước, để tự làm thủ tục trên mạng và giữ an toàn. "
            "Miễn phí, không cần tài khoản.",
        ),
    )
    for spec in _courses(images, guide):
        course = _add(
            index,
            CoursePage(
                title=spec["title"],
                lead=spec["lead"],
                audience=spec.get("audience", Audience.PUBLIC),
                level=spec["level"],
                duration_minutes=spec["duration"],
                skills=[str(skill) for skill in spec["skills"]],
                what_you_need=spec["need"],
            ),
        )
        for lesson in spec["lessons"]:
            _add(
                course, LessonPage(title=lesson["title"], lead=lesson["lead"], body=lesson["body"])
            )
    return True


@transaction.atomic
def load_demo_ambassadors() -> bool:
    """Residential groups of Phường Cầu Giấy, the demo ambassador's profile, the
    campaign and a few sample visits. Returns True if created."""
    if Campaign.objects.filter(name=CAMPAIGN_NAME).exists():
        return False
    ward = Ward.objects.get(code=DEMO_WARD_CODE)
    ambassador = User.objects.filter(email=AMBASSADOR_EMAIL, role=Role.AMBASSADOR).first()
    groups = [
        ResidentialGroup.objects.get_or_create(ward=ward, name=name, defaults={"households": 300})[
            0
        ]
        for name in GROUP_NAMES
    ]
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name=CAMPAIGN_NAME,
        province=Province.objects.get(code=DEMO_PROVINCE_CODE),
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=34),
    )
    CampaignTarget.objects.create(campaign=campaign, ward=ward, households=500, residents=800)
    if ambassador is None:
        return True
    profile, _created = AmbassadorProfile.objects.get_or_create(user=ambassador)
    profile.organisation = "Đoàn Thanh niên phường (mẫu)"
    profile.save()
    profile.residential_groups.set(groups[:3])
    samples = [
        (0, [Skill.IDENTITY_APP, Skill.PORTAL_ACCOUNT], 30, 2),
        (1, [Skill.SCAM_AWARENESS], 15, 1),
        (2, [Skill.CASHLESS_PAYMENT, Skill.ONLINE_TAX], 45, 1),
        (0, [Skill.BIRTH_REGISTRATION], 30, 2),
    ]
    for number, (group, skills, minutes, people) in enumerate(samples, start=1):
        services.visit_record(
            ambassador=ambassador,
            ward=ward,
            residential_group=groups[group],
            resident_name=f"Người dân mẫu {number}",
            consent=True,
            skills=skills,
            minutes=minutes,
            people_helped=people,
            visited_on=today - timedelta(days=number),
        )
    return True


def load_demo_learning() -> dict[str, bool]:
    """Everything above; safe to run again."""
    return {"courses": load_demo_courses(), "ambassadors": load_demo_ambassadors()}
