"""Importing official lists: all rows checked, a readable report, nothing half-written."""

import io
from datetime import date

import pytest
from django.core import mail
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from elections import services
from elections.choices import BallotLevel, Gender, NominationType
from elections.models import Candidacy, Candidate, ErrorReport, ImportBatch
from tests.factories import UserFactory
from tests.i18n import vi

pytestmark = pytest.mark.django_db

HEADER = (
    "Đơn vị bầu cử số,Số thứ tự,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Tôn giáo,"
    "Nghề nghiệp, chức vụ,Hình thức ứng cử"
)


def _csv(*rows: str, header: str = HEADER) -> bytes:
    # "Nghề nghiệp, chức vụ" has a comma: quote it as a spreadsheet program would.
    header = header.replace("Nghề nghiệp, chức vụ", '"Nghề nghiệp, chức vụ"')
    return ("\n".join([header, *rows]) + "\n").encode()


def _import(election, content, *, level=BallotLevel.NATIONAL_ASSEMBLY, name="ds.csv", **kw):
    from core.models import Province

    return services.candidates_import(
        election=election,
        level=level,
        province=Province.objects.get(code="01"),
        content=content,
        file_name=name,
        source_document="Nghị quyết mẫu số 1",
        **kw,
    )


def test_a_valid_csv_is_imported_with_its_provenance(empty_election, draft_units):
    editor = UserFactory()
    progress = []
    report = _import(
        empty_election,
        _csv(
            '1,2,Nguyễn Văn Bình,01/02/1970,Nam,Kinh,Không,"Kỹ sư",Được giới thiệu',
            "1,1,Trần Thị An,1975-05-06,Nữ,Tày,Phật giáo,Giáo viên,Tự ứng cử",
        ),
        user=editor,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert report.is_valid and report.imported == 2
    binh = Candidate.objects.get(full_name="Nguyễn Văn Bình")
    assert binh.date_of_birth == date(1970, 2, 1) and binh.gender == Gender.MALE
    assert binh.source_document == "Nghị quyết mẫu số 1"
    assert (
        binh.import_batch == ImportBatch.objects.get() and binh.import_batch.imported_by == editor
    )
    an = Candidacy.objects.get(candidate__full_name="Trần Thị An")
    assert an.unit == draft_units["na1"] and an.list_order == 1
    assert an.source_document == "Nghị quyết mẫu số 1"
    assert an.nomination_type == NominationType.SELF
    assert progress == [(2, 2)]
    entry = ModelLogEntry.objects.get(action="elections.import")
    assert entry.user == editor and entry.data["candidates"] == 2


def test_an_xlsx_file_is_imported_for_a_ward_council(empty_election, draft_units):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã phường, xã", "Đơn vị bầu cử số", "Họ và tên", "Ngày sinh", "Giới tính"])
    sheet.append(["167", 2, "Lê Thị Hoa", date(1980, 3, 4), "Nữ"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = _import(empty_election, buffer.getvalue(), level=BallotLevel.WARD, name="ds.xlsx")
    assert report.is_valid, [row.errors for row in report.rows]
    assert Candidacy.objects.get().unit == draft_units["ward2"]


def test_wrong_columns_import_nothing(empty_election, draft_units):
    report = _import(empty_election, _csv("1,Nguyễn Văn Bình", header="Đơn vị,Tên ứng viên"))
    assert not report.is_valid
    assert "Tên ứng viên" in report.file_error and "Họ và tên" in report.file_error
    assert not Candidate.objects.exists()


def test_every_bad_row_is_reported_and_nothing_is_imported(empty_election, draft_units):
    report = _import(
        empty_election,
        _csv(
            "1,1,Nguyễn Văn Bình,01/02/1970,Nam,Kinh,Không,Kỹ sư,",
            "1,2,Nguyễn Văn Bình,01/02/1970,Nam,Kinh,Không,Kỹ sư,",  # duplicate of row 2
            "9,3,Phạm Thu Hà,02/03/1980,Nữ,Kinh,Không,Luật sư,",  # unknown unit
            "1,4,,31/02/1980,X,Kinh,Không,,Bầu lại",  # no name, bad date, gender, nomination
        ),
    )
    assert not report.is_valid
    rows = {row.number: row for row in report.rows}
    assert rows[2].is_valid
    assert rows[3].errors == [
        vi("Duplicate of row %(row)d (same name and date of birth in the same unit).", row=2)
    ]
    assert len(rows[4].errors) == 1 and "9" in rows[4].errors[0]
    assert len(rows[5].errors) == 4
    assert not Candidate.objects.exists() and not ImportBatch.objects.exists()


def test_a_list_cannot_be_imported_twice(empty_election, draft_units):
    content = _csv("1,1,Nguyễn Văn Bình,01/02/1970,Nam,Kinh,Không,Kỹ sư,")
    assert _import(empty_election, content).is_valid
    second = _import(empty_election, content)
    assert not second.is_valid and Candidate.objects.count() == 1


def test_published_or_locked_units_refuse_an_import(empty_election, draft_units):
    unit = draft_units["na1"]
    unit.locked = True
    unit.save()
    report = _import(empty_election, _csv("1,1,Nguyễn Văn Bình,01/02/1970,Nam,,,,"))
    assert not report.is_valid and not Candidate.objects.exists()
    unit.locked, unit.live = False, True
    unit.save()
    assert not _import(empty_election, _csv("1,1,Nguyễn Văn Bình,01/02/1970,Nam,,,,")).is_valid


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"", "ds.csv"), (b"\xff\xfe\x00bad", "ds.csv"), (b"not excel", "ds.xlsx"), (b"x", "ds.pdf")],
)
def test_unreadable_files_are_refused(empty_election, draft_units, content, name):
    report = _import(empty_election, content, name=name)
    assert report.file_error and not Candidate.objects.exists()


def test_an_error_report_reaches_the_editors_after_commit(
    empty_election, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    editor = UserFactory(email="bien.tap@example.vn")
    editor.groups.add(Group.objects.get_or_create(name=services.EDITORS_GROUP)[0])
    with django_capture_on_commit_callbacks(execute=True):
        report = services.error_report_submit(
            election=empty_election, description="Ngày sinh sai so với danh sách niêm yết."
        )
    assert ErrorReport.objects.get() == report
    assert mail.outbox[-1].to == ["bien.tap@example.vn"]
    assert "Ngày sinh sai" in mail.outbox[-1].body


def test_editor_access_sync_is_idempotent(db):
    first = services.editor_access_sync()
    second = services.editor_access_sync()
    assert first == second and first.workflow_tasks.count() == 1


def test_the_import_command_imports_all_rows_or_none(empty_election, draft_units, tmp_path):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "sai.csv"
    bad.write_bytes(_csv("1,1,Nguyễn Văn Bình,01/02/1970,Nam,,,,", "8,2,Lê An,01/02/1970,Nam,,,,"))
    args = ["--election", empty_election.slug, "--level", "national", "--province", "01"]
    with pytest.raises(CommandError):
        call_command("import_candidates", str(bad), *args, "--source", "NQ mẫu")
    assert not Candidate.objects.exists()
    good = tmp_path / "dung.csv"
    good.write_bytes(_csv("1,1,Nguyễn Văn Bình,01/02/1970,Nam,,,,"))
    call_command("import_candidates", str(good), *args, "--source", "NQ mẫu")
    assert Candidate.objects.get().source_document == "NQ mẫu"


def test_a_unit_published_during_the_import_stops_it(empty_election, draft_units, monkeypatch):
    from elections import importer

    check = importer.check_rows

    def check_then_publish(*args, **kwargs):
        results = check(*args, **kwargs)
        type(draft_units["na1"]).objects.filter(pk=draft_units["na1"].pk).update(live=True)
        return results

    monkeypatch.setattr(importer, "check_rows", check_then_publish)
    report = _import(empty_election, _csv("1,1,Nguyễn Văn Bình,01/02/1970,Nam,,,,"))
    assert report.file_error and not report.is_valid
    assert not Candidate.objects.exists() and not ImportBatch.objects.exists()
