"""Import an official candidate list from the command line, with a progress bar.

    manage.py import_candidates danh-sach.xlsx --election bau-cu-2026 --level ward \\
        --province 01 --source "Nghị quyết số …"

The same checks as the admin screen: every row is validated and nothing is imported if one
row fails; the report lists each failing row.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.models import Province
from elections import services
from elections.choices import BallotLevel
from elections.models import Election


class Command(BaseCommand):
    help = "Import an official candidate list (CSV or XLSX); all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--election", required=True, help="the election's slug")
        parser.add_argument("--level", required=True, choices=BallotLevel.values)
        parser.add_argument("--province", required=True, help="official province code, e.g. 01")
        parser.add_argument("--source", required=True, help="the official document")
        parser.add_argument("--source-url", default="")

    def handle(self, *args, **options):
        path = Path(options["file"])
        election = Election.objects.filter(slug=options["election"]).first()
        province = Province.objects.filter(code=options["province"]).first()
        if not path.is_file() or election is None or province is None:
            raise CommandError("Unknown file, election or province.")
        report = services.candidates_import(
            election=election,
            level=options["level"],
            province=province,
            content=path.read_bytes(),
            file_name=path.name,
            source_document=options["source"],
            source_url=options["source_url"],
            progress=self._progress,
        )
        if report.file_error:
            raise CommandError(report.file_error)
        if not report.is_valid:
            for row in report.error_rows:
                self.stderr.write(
                    f"row {row.number} ({row.full_name or '—'}): {'; '.join(row.errors)}"
                )
            raise CommandError(f"Nothing imported: {len(report.error_rows)} rows have errors.")
        self.stdout.write(self.style.SUCCESS(f"Imported {report.imported} candidates."))

    def _progress(self, done: int, total: int) -> None:
        width = 40
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
