"""The two-person check: entered → verified by a second editor → published; locking;
the change history; and the editors' import screen."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.choices import Role
from accounts.services import role_groups_sync, user_assign_role
from elections import services
from elections.choices import BallotLevel
from elections.models import Candidacy, Candidate, ElectoralUnit, ErrorReport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(db):
    role_groups_sync()
    services.editor_access_sync()
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        user_assign_role(user=user, role=Role.EDITOR)
    return first, second


def test_a_second_editor_must_verify_before_a_unit_is_published(editors, draft_units):
    entered_by, verifier = editors
    unit = draft_units["na1"]
    unit.save_revision(user=entered_by)
    workflow = services.editor_access_sync()
    assert unit.get_workflow() == workflow
    state = workflow.start(unit, entered_by)
    task_state = state.current_task_state
    task = task_state.task.specific

    assert task.get_actions(unit, entered_by) == []
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, entered_by, "approve")
    assert not task.get_task_states_user_can_moderate(entered_by).exists()
    assert [name for name, *_ in task.get_actions(unit, verifier)][:2] == ["reject", "approve"]

    task.on_action(task_state, verifier, "approve")
    unit.refresh_from_db()
    assert unit.live
    assert ModelLogEntry.objects.filter(object_id=str(unit.pk), action="wagtail.publish").exists()


def test_candidates_of_a_locked_unit_cannot_be_edited(client, editors, draft_units):
    entered_by, verifier = editors
    unit = draft_units["ward1"]
    candidate = Candidate.objects.create(
        election=unit.election, full_name="Nguyễn Văn Mẫu", date_of_birth="1970-01-01"
    )
    Candidacy.objects.create(candidate=candidate, unit=unit)
    ElectoralUnit.objects.filter(pk=unit.pk).update(locked=True, locked_by=verifier)
    client.force_login(entered_by)
    url = reverse("wagtailsnippets_elections_candidate:edit", args=[candidate.pk])
    response = client.post(url, {"full_name": "Nguyễn Văn Đổi"})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.full_name == "Nguyễn Văn Mẫu"
    client.force_login(verifier)
    assert client.get(url).status_code == 200


def test_the_import_screen_checks_every_row_and_imports_nothing_on_error(
    client, editors, draft_units
):
    editor, _second = editors
    client.force_login(editor)
    url = reverse("elections_import")
    assert client.get(url).status_code == 200
    data = {
        "election": draft_units["na1"].election.pk,
        "level": BallotLevel.NATIONAL_ASSEMBLY,
        "province": "01",
        "source_document": "Nghị quyết mẫu",
    }
    province = draft_units["na1"].province
    data["province"] = province.pk
    bad = SimpleUploadedFile(
        "ds.csv", "Đơn vị bầu cử số,Họ và tên,Ngày sinh,Giới tính\n7,Lê An,1/1/1970,Nam\n".encode()
    )
    response = client.post(url, {**data, "file": bad})
    assert response.status_code == 400
    assert "Lê An" in response.content.decode() and not Candidate.objects.exists()
    good = SimpleUploadedFile(
        "ds.csv", "Đơn vị bầu cử số,Họ và tên,Ngày sinh,Giới tính\n1,Lê An,1/1/1970,Nam\n".encode()
    )
    response = client.post(url, {**data, "file": good})
    assert response.status_code == 200
    assert Candidate.objects.get().full_name == "Lê An"


def test_citizens_cannot_import(client, draft_units):
    client.force_login(UserFactory())
    response = client.get(reverse("elections_import"))
    assert response.status_code in (302, 403)


def test_editors_group_gets_the_elections_permissions(editors):
    group = Group.objects.get(name=services.EDITORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"publish_electoralunit", "lock_electoralunit", "add_importbatch"} <= codenames


def test_editors_open_the_admin_screens(client, editors, demo_elections):
    editor, _second = editors
    client.force_login(editor)
    unit = ElectoralUnit.objects.filter(election=demo_elections).first()
    candidate = unit.candidacies.first().candidate
    report = ErrorReport.objects.create(election=demo_elections, description="Sai năm sinh.")
    for name, args in [
        ("wagtailsnippets_elections_electoralunit:list", []),
        ("wagtailsnippets_elections_electoralunit:edit", [unit.pk]),
        ("wagtailsnippets_elections_electoralunit:history", [unit.pk]),
        ("wagtailsnippets_elections_candidate:list", []),
        ("wagtailsnippets_elections_candidate:edit", [candidate.pk]),
        ("wagtailsnippets_elections_milestone:list", []),
        ("wagtailsnippets_elections_errorreport:list", []),
        ("wagtailsnippets_elections_errorreport:inspect", [report.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name


def test_the_candidate_form_offers_submitting_for_verification(client, editors, demo_elections):
    editor, _second = editors
    unit = ElectoralUnit.objects.filter(election=demo_elections).first()
    candidate = unit.candidacies.first().candidate
    candidate.save_revision(user=editor)
    client.force_login(editor)
    page = client.get(reverse("wagtailsnippets_elections_candidate:edit", args=[candidate.pk]))
    assert 'name="action-submit"' in page.content.decode()
