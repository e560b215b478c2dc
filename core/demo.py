"""Demo content and demo users for the embedded default (``manage.py load_demo``).

Everything here is safe to run again: content is created once and then left to the
editors; demo users are created once and keep their role. Nothing here runs in
production unless someone runs the command there on purpose.
"""

import io
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.models import Page, Site

from accounts import services as account_services
from accounts.choices import MFA_REQUIRED_ROLES, Role
from accounts.models import User
from core.choices import CouncilLevel
from core.models import ContactSettings, Council, HomePage, Province, SiteImage, StandardPage, Ward

DEMO_PASSWORD = "CuTri-demo-2026"  # noqa: S105 - demo accounts on a developer's machine
# A fixed TOTP secret so that `manage.py totp_code` can print the current code for a demo
# account that must use two-factor authentication. Never used outside demo data.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPCUTRIDEMOXYZABCD"  # noqa: S105
DEMO_WARD_CODE = "00167"  # Phường Cầu Giấy, Thành phố Hà Nội
DEMO_PROVINCE_CODE = "01"  # Thành phố Hà Nội


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: Role


DEMO_USERS = [
    DemoUser("cong.dan@demo.cutri.vn", "Nguyễn Thị Lan", Role.CITIZEN),
    DemoUser("dai.su@demo.cutri.vn", "Trần Minh Đức", Role.AMBASSADOR),
    DemoUser("can.bo@demo.cutri.vn", "Lê Văn Hùng", Role.COUNCIL_STAFF),
    DemoUser("giam.sat@demo.cutri.vn", "Phạm Thu Hà", Role.OVERSIGHT),
    DemoUser("bien.tap@demo.cutri.vn", "Vũ Hoàng Yến", Role.EDITOR),
    DemoUser("quan.tri@demo.cutri.vn", "Đặng Quốc Bảo", Role.ADMINISTRATOR),
]


def _illustration() -> ImageFile:
    """A small drawn illustration (a phone showing a six-digit code box), as PNG."""
    canvas = PILImage.new("RGB", (960, 540), "#f5f3ef")
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((380, 40, 580, 500), radius=28, fill="#1b1b1b")
    draw.rounded_rectangle((395, 80, 565, 460), radius=10, fill="#ffffff")
    draw.rectangle((395, 80, 565, 130), fill="#8b1a1a")
    for index in range(6):
        left = 405 + index * 26
        draw.rounded_rectangle((left, 250, left + 22, 290), radius=4, outline="#8b1a1a", width=3)
    draw.rounded_rectangle((420, 380, 540, 420), radius=8, fill="#8b1a1a")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return ImageFile(buffer, name="minh-hoa-nhap-ma.png")


def _home_body(guide: Page, image: SiteImage) -> list[tuple[str, object]]:
    return [
        ("heading", {"text": "Bạn có thể làm gì ở đây?", "level": "h2"}),
        (
            "paragraph",
            "<ul><li><b>Gửi kiến nghị</b> đến Hội đồng nhân dân phường, xã hoặc tỉnh, thành phố "
            "và theo dõi đến khi có trả lời.</li>"
            "<li><b>Tìm hiểu người ứng cử</b> ở đơn vị bầu cử nơi bạn sống.</li>"
            "<li><b>Học kỹ năng số</b>: dùng Cổng dịch vụ công, đăng ký khai sinh trực tuyến, "
            "nộp thuế, phòng tránh lừa đảo.</li></ul>",
        ),
        (
            "callout",
            {
                "tone": "warning",
                "text": "<p>Cán bộ không bao giờ hỏi mật khẩu hay mã dùng một lần (OTP) của bạn. "
                "Không đọc mã này cho bất kỳ ai, kể cả người xưng là công an hay ngân hàng.</p>",
            },
        ),
        (
            "figure",
            {
                "image": {"image": image, "decorative": False, "alt_text": ""},
                "caption": "Bạn chỉ cần một địa chỉ email: chúng tôi gửi mã gồm 6 chữ số "
                "để đăng nhập.",
            },
        ),
        ("link_button", {"label": "Xem hướng dẫn sử dụng", "page": guide, "url": ""}),
    ]


def _guide_body(image: SiteImage) -> list[tuple[str, object]]:
    return [
        ("heading", {"text": "Tạo tài khoản trong 3 bước", "level": "h2"}),
        (
            "steps",
            {
                "steps": [
                    {
                        "title": "Bấm “Đăng ký” ở đầu trang.",
                        "detail": "<p>Nhập họ và tên như trên căn cước và địa chỉ email của bạn. "
                        "Mật khẩu không bắt buộc.</p>",
                        "image": None,
                    },
                    {
                        "title": "Mở email và nhập mã gồm 6 chữ số.",
                        "detail": "<p>Mã có hiệu lực trong vài phút. Nếu không thấy email, hãy xem "
                        "trong thư mục Thư rác.</p>",
                        "image": {"image": image, "decorative": False, "alt_text": ""},
                    },
                    {
                        "title": "Chọn phường, xã nơi bạn sống.",
                        "detail": "<p>Gõ tên phường, có dấu hay không dấu đều được, ví dụ "
                        "<i>cau giay</i>.</p>",
                        "image": None,
                    },
                ]
            },
        ),
        (
            "callout",
            {
                "tone": "tip",
                "text": "<p>Lần sau, bạn chỉ cần nhập email và bấm “Gửi mã đăng nhập cho tôi”.</p>",
            },
        ),
    ]


_ABOUT_BODY = [
    ("heading", {"text": "Chính quyền địa phương hai cấp", "level": "h2"}),
    (
        "paragraph",
        "<p>Từ ngày 1 tháng 7 năm 2025, chính quyền địa phương tổ chức thành hai cấp: "
        "34 tỉnh, thành phố và 3.321 xã, phường, đặc khu. Mỗi cấp có Hội đồng nhân dân do cử "
        "tri bầu ra, có trách nhiệm tiếp nhận và trả lời kiến nghị của cử tri.</p>",
    ),
    (
        "paragraph",
        "<p>Cử tri số giúp bạn gửi kiến nghị đến đúng Hội đồng nhân dân, theo dõi việc trả lời "
        "và tìm hiểu thông tin chính thức về người ứng cử.</p>",
    ),
]

_PRIVACY_BODY = [
    ("heading", {"text": "Chúng tôi bảo vệ thông tin của bạn", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Họ tên, số điện thoại và email của người gửi kiến nghị không bao giờ được công "
        "khai.</li><li>Cán bộ chỉ xem được kiến nghị gửi đến Hội đồng nhân dân nơi họ làm việc, "
        "và mọi lần xem đều được ghi lại.</li><li>Bạn có thể yêu cầu xem hoặc xóa dữ liệu của "
        "mình.</li></ul>",
    ),
]


def _site_image() -> SiteImage:
    image = SiteImage.objects.filter(title="Minh họa: nhập mã đăng nhập").first()
    if image is None:
        image = SiteImage(
            title="Minh họa: nhập mã đăng nhập",
            description="Hình vẽ một chiếc điện thoại hiển thị sáu ô để nhập mã đăng nhập.",
            file=_illustration(),
        )
        image.save()
    return image


def _add_page(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load_demo_content() -> bool:
    """Create the home page and a few standard pages once. Returns True if created."""
    if HomePage.objects.exists():
        return False
    root = Page.get_first_root_node()
    image = _site_image()
    home = root.add_child(
        instance=HomePage(
            title="Cử tri số",
            slug="trang-chu",
            lead="Gửi kiến nghị đến Hội đồng nhân dân, tìm hiểu người ứng cử nơi bạn sống và học "
            "kỹ năng số — dễ dàng, miễn phí, trên cả điện thoại cũ.",
        )
    )
    guide = _add_page(
        home,
        StandardPage(
            title="Hướng dẫn sử dụng",
            lead="Tạo tài khoản, đăng nhập bằng mã và chọn phường, xã của bạn.",
            body=_guide_body(image),
        ),
    )
    _add_page(home, StandardPage(title="Giới thiệu", lead="Cử tri số là gì?", body=_ABOUT_BODY))
    _add_page(
        home,
        StandardPage(
            title="Quyền riêng tư", lead="Dữ liệu của bạn được dùng thế nào.", body=_PRIVACY_BODY
        ),
    )
    home.body = _home_body(guide, image)
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80)
    old_root_id = site.root_page_id if site.pk else None
    site.root_page = home
    site.is_default_site = True
    site.site_name = "Cử tri số"
    site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page is no longer reachable.
    if old_root_id and old_root_id != home.pk:
        Page.objects.filter(pk=old_root_id, depth=2).exclude(pk=home.pk).delete()

    contact = ContactSettings.load()
    contact.organisation = "Cử tri số — bản trình diễn"
    contact.hotline = "1900 0000"
    contact.email = "hotro@cutri.vn"
    contact.address = "Phường Cầu Giấy, Thành phố Hà Nội"
    contact.save()
    return True


@transaction.atomic
def load_demo_users() -> list[tuple[DemoUser, bool]]:
    """Create one account per role (once); staff roles get a demo TOTP authenticator."""
    ward = Ward.objects.get(code=DEMO_WARD_CODE)
    province = Province.objects.get(code=DEMO_PROVINCE_CODE)
    council = Council.objects.get(ward=ward, level=CouncilLevel.WARD)
    scope = {
        Role.AMBASSADOR: {"wards": [ward]},
        Role.COUNCIL_STAFF: {"council": council},
        Role.OVERSIGHT: {"province": province},
    }
    results = []
    for demo in DEMO_USERS:
        user = User.objects.filter(email=demo.email).first()
        created = user is None
        if created:
            user = account_services.user_create(
                email=demo.email,
                full_name=demo.full_name,
                password=DEMO_PASSWORD,
                email_verified=True,
            )
            account_services.user_assign_role(user=user, role=demo.role, **scope.get(demo.role, {}))
        if (
            demo.role in MFA_REQUIRED_ROLES
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        results.append((demo, created))
    return results
