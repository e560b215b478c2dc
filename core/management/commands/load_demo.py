from django.core.management.base import BaseCommand

from accounts.services import role_groups_sync
from core import demo
from elections.demo import load_demo_elections
from learning import demo as learning_demo
from petitions.demo import load_demo_petitions


class Command(BaseCommand):
    help = "Create demo pages and one demo account per role (safe to run again)."

    def handle(self, *args, **options):
        role_groups_sync()
        created = demo.load_demo_content()
        self.stdout.write(
            "Demo pages created." if created else "Demo pages already exist; left as they are."
        )
        load_demo_elections()
        users = demo.load_demo_users()
        petitions = load_demo_petitions(
            ward_code=demo.DEMO_WARD_CODE,
            citizen_email="cong.dan@demo.cutri.vn",
            staff_email="can.bo@demo.cutri.vn",
        )
        if petitions:
            self.stdout.write(f"{petitions} sample petitions filed in the demo ward.")
        learning_demo.load_demo_learning()
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demo accounts (password for all: {demo.DEMO_PASSWORD})")
        )
        for user, _created in users:
            mfa = (
                f"  + code: make totp EMAIL={user.email}"
                if user.role in demo.MFA_REQUIRED_ROLES
                else ""
            )
            self.stdout.write(f"  {user.email:<26} {user.role.label}{mfa}")
        self.stdout.write(
            "Sign in at /tai-khoan/login/ with the password, or choose “Gửi cho tôi mã đăng nhập”"
            " and read the code in this terminal (e-mail goes to the console)."
        )
        from search.demo import load_search_index

        counts = load_search_index()
        self.stdout.write(f"Search index: {sum(counts.values())} documents.")
