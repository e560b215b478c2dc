"""Writes about elections: importing official lists, error reports from the public, and
the editors' permissions and two-person workflow.

An import is all or nothing: every row is checked first (elections/importer.py); if one
fails, nothing is written and the editor gets the row-by-row report. Imported candidates
wait on an unpublished unit until a second editor verifies and publishes the unit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

from core.models import Province
from elections import importer
from elections.choices import BallotLevel
from elections.models import (
    Candidacy,
    Candidate,
    Election,
    ElectoralUnit,
    ErrorReport,
    ImportBatch,
    SecondPersonApprovalTask,
)
from elections.text import name_sort_key

EDITORS_GROUP = "Biên tập viên"  # accounts.services.ROLE_GROUPS[Role.EDITOR]
WORKFLOW_NAME = "Kiểm tra danh sách ứng cử viên"
_BATCH = 1000


@dataclass
class ImportReport:
    file_error: str = ""
    rows: list[importer.RowResult] = field(default_factory=list)
    batch: ImportBatch | None = None

    @property
    def is_valid(self) -> bool:
        return not self.file_error and all(row.is_valid for row in self.rows)

    @property
    def error_rows(self) -> list[importer.RowResult]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def imported(self) -> int:
        return len(self.rows) if self.batch else 0


def _units_index(*, election: Election, level: str, province: Province) -> dict:
    units = ElectoralUnit.objects.filter(election=election, level=level, province=province)
    units = units.select_related("council__ward")
    return {
        (unit.council.ward.code if level == BallotLevel.WARD else "", unit.number): unit
        for unit in units
    }


def candidates_import(
    *,
    election: Election,
    level: str,
    province: Province,
    content: bytes,
    file_name: str,
    source_document: str,
    source_url: str = "",
    user=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import one official list. Returns the report; writes only if every row is valid."""
    try:
        _keys, rows = importer.parse_rows(content, file_name)
    except importer.FileError as error:
        return ImportReport(file_error=str(error))
    units = _units_index(election=election, level=level, province=province)
    existing = set(
        Candidacy.objects.filter(unit__in=list(units.values())).values_list(
            "unit_id", "candidate__sort_key", "candidate__date_of_birth"
        )
    )
    report = ImportReport(
        rows=importer.check_rows(rows, level=level, units=units, existing=existing)
    )
    if not report.is_valid:
        return report
    try:
        report.batch = _write(
            election=election,
            level=level,
            province=province,
            rows=report.rows,
            file_name=file_name,
            source_document=source_document,
            source_url=source_url,
            user=user,
            progress=progress,
        )
    except _UnitChanged:
        return ImportReport(
            file_error=_("A unit was published or locked while importing. Nothing was imported.")
        )
    return report


class _UnitChanged(Exception):
    pass


@transaction.atomic
def _write(
    *, election, level, province, rows, file_name, source_document, source_url, user, progress
) -> ImportBatch:
    # Lock the units so two editors importing at once cannot both pass the checks.
    unit_ids = sorted({row.unit.pk for row in rows})
    locked = ElectoralUnit.objects.select_for_update().filter(pk__in=unit_ids)
    if any(unit.live or unit.locked for unit in locked):
        raise _UnitChanged
    batch = ImportBatch.objects.create(
        election=election,
        level=level,
        province=province,
        file_name=file_name[:255],
        source_document=source_document,
        row_count=len(rows),
        imported_by=user,
    )
    now = timezone.now()
    total = len(rows)
    for start in range(0, total, _BATCH):
        chunk = rows[start : start + _BATCH]
        candidates = [
            Candidate(
                election=election,
                full_name=row.values["full_name"],
                sort_key=name_sort_key(row.values["full_name"]),
                date_of_birth=row.values["date_of_birth"],
                gender=row.values["gender"],
                hometown=row.values["hometown"],
                ethnicity=row.values["ethnicity"],
                religion=row.values["religion"],
                education=row.values["education"],
                qualification=row.values["qualification"],
                occupation=row.values["occupation"],
                workplace=row.values["workplace"],
                party_joined_on=row.values["party_joined_on"],
                current_deputy=row.values["current_deputy"],
                source_document=source_document,
                source_url=source_url,
                source_page=row.values["source_page"],
                import_batch=batch,
                # Visible only once the unit is verified and published (selectors).
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
            for row in chunk
        ]
        Candidate.objects.bulk_create(candidates)
        Candidacy.objects.bulk_create(
            Candidacy(
                candidate=candidate,
                unit=row.unit,
                list_order=row.values["list_order"],
                nomination_type=row.values["nomination_type"],
                source_document=source_document,
                source_url=source_url,
                source_page=row.values["source_page"],
            )
            for candidate, row in zip(candidates, chunk, strict=True)
        )
        if progress:
            progress(min(start + _BATCH, total), total)
    counts = {}
    for row in rows:
        counts[row.unit] = counts.get(row.unit, 0) + 1
    for unit, count in counts.items():
        log(
            instance=unit,
            action="elections.import",
            user=user,
            data={"file": file_name, "candidates": count, "batch": batch.pk},
        )
    return batch


@transaction.atomic
def error_report_submit(
    *,
    election: Election,
    description: str,
    unit: ElectoralUnit | None = None,
    candidate: Candidate | None = None,
    source: str = "",
    contact: str = "",
) -> ErrorReport:
    """Record a report from the public and tell the editors once it is saved."""
    from elections import tasks

    report = ErrorReport.objects.create(
        election=election,
        unit=unit,
        candidate=candidate,
        description=description,
        source=source,
        contact=contact,
    )
    transaction.on_commit(partial(tasks.notify_error_report.delay, report.pk))
    return report


_EDITOR_PERMISSIONS = {
    "election": ("add", "change", "delete"),
    "electoralunit": ("add", "change", "delete", "publish", "lock", "unlock"),
    "candidate": ("add", "change", "delete", "publish", "lock", "unlock"),
    "milestone": ("add", "change", "delete"),
    "provincemilestone": ("add", "change", "delete"),
    "errorreport": ("change", "view"),
    "importbatch": ("view", "add"),
}


@transaction.atomic
def editor_access_sync() -> Workflow:
    """Give the editors' group the elections permissions and set up the two-person
    workflow (entered → verified by a second editor → published). Idempotent."""
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    for model, actions in _EDITOR_PERMISSIONS.items():
        content_type = ContentType.objects.get(app_label="elections", model=model)
        for action in actions:
            permission = Permission.objects.filter(
                content_type=content_type, codename=f"{action}_{model}"
            ).first()
            if permission is not None:
                editors.permissions.add(permission)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        check = SecondPersonApprovalTask.objects.create(
            name="Đối chiếu với danh sách chính thức (người thứ hai)"
        )
        check.groups.add(editors)
        WorkflowTask.objects.create(workflow=workflow, task=check, sort_order=0)
    for model in (ElectoralUnit, Candidate):
        content_type = ContentType.objects.get_for_model(model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
    return workflow
