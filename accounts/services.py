"""Writes about accounts: roles, their scope and the permission groups behind them.

A role decides what a person may do; its scope (a council, a province, wards) decides
where. ``user_assign_role`` is the one writer of both, and logs each change in
Wagtail's audit log. ``role_groups_sync`` keeps one permission group per role.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from accounts.choices import Role
from accounts.models import User
from core.models import Council, Province, Ward
from core.text import split_vietnamese_name

# One permission group per role that works in the admin. Administrators are superusers;
# citizens and ambassadors work on the public site only.
ROLE_GROUPS = {
    Role.EDITOR: "Biên tập viên",
    Role.COUNCIL_STAFF: "Cán bộ Hội đồng nhân dân",
    Role.OVERSIGHT: "Giám sát cấp tỉnh",
}
_ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# Model permissions that open the petition queue; which petitions a person then sees is
# decided by petitions.selectors (their council, or their province read-only).
_ROLE_MODEL_PERMISSIONS = {
    Role.COUNCIL_STAFF: (("petitions", "view_petition"), ("petitions", "change_petition")),
    Role.OVERSIGHT: (("petitions", "view_petition"),),
}
_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
_EDITOR_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


@transaction.atomic
def user_create(
    *, email: str, full_name: str = "", password: str | None = None, email_verified: bool = False
) -> User:
    """Create an account outside the sign-up form (demo data, ambassadors enrolling a
    resident). The e-mail address is registered with allauth, verified or not."""
    family, given = split_vietnamese_name(full_name)
    user = User.objects.create_user(
        email=email, password=password, last_name=family, first_name=given
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    return user


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def role_groups_sync() -> dict[Role, Group]:
    """Create or refresh the permission group of each admin role (idempotent)."""
    groups = {}
    admin_access = _permission(*_ADMIN_ACCESS)
    for role, name in ROLE_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        group.permissions.add(
            *(_permission(*perm) for perm in _ROLE_MODEL_PERMISSIONS.get(role, ()))
        )
        groups[role] = group

    editors = groups[Role.EDITOR]
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in _EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=_permission("wagtailcore", codename)
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codenames in _EDITOR_COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors,
                    collection=root_collection,
                    permission=_permission(app_label, codename),
                )
    return groups


@transaction.atomic
def user_assign_role(
    *,
    user: User,
    role: Role,
    council: Council | None = None,
    province: Province | None = None,
    wards: Iterable[Ward] = (),
    by: User | None = None,
) -> User:
    """Give ``user`` a role and its scope, and put them in the role's permission group.

    Council staff need a council, oversight a province, ambassadors at least one ward;
    a scope that does not belong to the role is refused rather than silently kept.
    """
    role = Role(role)
    wards = list(wards)
    if role == Role.COUNCIL_STAFF and council is None:
        raise ValidationError(_("Council staff must belong to a council."))
    if role == Role.OVERSIGHT and province is None:
        raise ValidationError(_("Province oversight must name a province."))
    if role == Role.AMBASSADOR and not wards:
        raise ValidationError(_("A digital ambassador must cover at least one ward."))
    if council is not None and role != Role.COUNCIL_STAFF:
        raise ValidationError(_("Only council staff belong to a council."))
    if province is not None and role != Role.OVERSIGHT:
        raise ValidationError(_("Only province oversight names a province."))
    if wards and role != Role.AMBASSADOR:
        raise ValidationError(_("Only digital ambassadors cover wards."))

    before = {
        "role": user.role,
        "council": user.council_id,
        "province": user.oversight_province_id,
        "wards": sorted(user.ambassador_wards.values_list("code", flat=True)) if user.pk else [],
    }
    user.role = role
    user.council = council
    user.oversight_province = province
    user.is_superuser = role == Role.ADMINISTRATOR
    user.is_staff = role == Role.ADMINISTRATOR
    user.save()
    user.ambassador_wards.set(wards)

    groups = {group.name: group for group in Group.objects.filter(name__in=ROLE_GROUPS.values())}
    if len(groups) < len(ROLE_GROUPS):
        groups = {group.name: group for group in role_groups_sync().values()}
    user.groups.remove(*groups.values())
    if role in ROLE_GROUPS:
        user.groups.add(groups[ROLE_GROUPS[role]])

    after = {
        "role": role.value,
        "council": council.pk if council else None,
        "province": province.pk if province else None,
        "wards": sorted(ward.code for ward in wards),
    }
    log(instance=user, action="accounts.assign_role", user=by, data={"from": before, "to": after})
    return user
