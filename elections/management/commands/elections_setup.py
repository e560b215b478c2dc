from django.core.management.base import BaseCommand

from elections.services import editor_access_sync


class Command(BaseCommand):
    help = "Give editors the elections permissions and create the two-person workflow (idempotent)."

    def handle(self, *args, **options):
        workflow = editor_access_sync()
        self.stdout.write(f"Editors' permissions set; workflow “{workflow.name}” ready.")
