from django.core.management.base import BaseCommand

from core.services import places_sync


class Command(BaseCommand):
    help = "Load the 34 provinces, 3,321 wards/communes and their People's Councils (idempotent)."

    def handle(self, *args, **options):
        result = places_sync()
        for label, count in (
            ("provinces", result.provinces),
            ("wards", result.wards),
            ("councils", result.councils),
        ):
            self.stdout.write(
                f"{label:<10} {count.total:>5}  created {count.created}, "
                f"updated {count.updated}, unchanged {count.unchanged}"
            )
        self.stdout.write(self.style.SUCCESS("Places are up to date."))
