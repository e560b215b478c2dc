from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.choices import Role
from accounts.models import User
from accounts.services import user_assign_role
from core.choices import CouncilLevel
from core.models import Council, Province, Ward


class Command(BaseCommand):
    help = (
        "Give an account a role and its scope. Examples:\n"
        "  assign_role can.bo@hdnd.vn council_staff --ward 00167      (HĐND phường Cầu Giấy)\n"
        "  assign_role lanh.dao@hdnd.vn council_staff --province 01   (HĐND thành phố Hà Nội)\n"
        "  assign_role giam.sat@hdnd.vn oversight --province 01\n"
        "  assign_role dai.su@gmail.com ambassador --ward 00167 --ward 00160"
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=[role.value for role in Role])
        parser.add_argument("--province", help="official province code, e.g. 01")
        parser.add_argument(
            "--ward", action="append", default=[], help="official ward code, e.g. 00167"
        )

    def handle(self, *args, email, role, province, ward, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        wards = list(Ward.objects.filter(code__in=ward))
        if len(wards) != len(set(ward)):
            raise CommandError(f"Unknown ward code among {', '.join(ward)}.")
        province_obj = Province.objects.filter(code=province).first() if province else None
        if province and province_obj is None:
            raise CommandError(f"Unknown province code {province}.")

        scope: dict = {}
        if role == Role.COUNCIL_STAFF:
            # A staff member works for a ward council (--ward) or a province council (--province).
            council = (
                Council.objects.filter(ward=wards[0]).first()
                if wards
                else Council.objects.filter(
                    province=province_obj, level=CouncilLevel.PROVINCE
                ).first()
            )
            scope = {"council": council}
        elif role == Role.OVERSIGHT:
            scope = {"province": province_obj}
        elif role == Role.AMBASSADOR:
            scope = {"wards": wards}
        try:
            user_assign_role(user=user, role=Role(role), **scope)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"{user.email} is now {Role(role).label}."))
