"""Learning pages outside the page tree: a lesson's answers (posted to the lesson page),
certificates and their public check, the ambassador's tools, campaigns and the
officials' report, and the display options. Thin: forms validate, services write,
selectors read."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.choices import Role
from core.forms import WardPickerForm
from core.ratelimit import allow, client_ip
from core.views import too_many_requests
from learning import progress, selectors, services
from learning.forms import (
    CampaignForm,
    CertificateLookupForm,
    DisplayForm,
    EnrolForm,
    GroupsForm,
    TargetForm,
    VisitForm,
)
from learning.models import LessonPage
from learning.templatetags.learning_tags import DISPLAY_COOKIE

# --- lessons ----------------------------------------------------------------------------


def _merge_device_progress(request: HttpRequest) -> bool:
    """Progress kept on this device joins the account the first time a signed-in learner
    opens a lesson; the caller then forgets the cookie. True if there was one."""
    if not (request.user.is_authenticated and progress.COOKIE in request.COOKIES):
        return False
    device = progress.read(request)
    if device:
        services.progress_merge_device(user=request.user, device=device)
    return True


def _answers(request: HttpRequest) -> dict[str, str]:
    return {key[2:]: value for key, value in request.POST.items() if key.startswith("q-")}


def lesson_serve(request: HttpRequest, lesson: LessonPage) -> HttpResponse:
    merged = _merge_device_progress(request)
    response = _lesson_response(request, lesson)
    if merged:
        progress.forget(response)
    return response


def course_serve(request: HttpRequest, course, serve) -> HttpResponse:
    merged = _merge_device_progress(request)
    response = serve(request)
    if merged:
        progress.forget(response)
    return response


def _lesson_response(request: HttpRequest, lesson: LessonPage) -> HttpResponse:
    device = None if request.user.is_authenticated else progress.read(request)
    context = lesson.get_context(request)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "quiz":
            answers = _answers(request)
            try:
                result = services.quiz_grade(lesson=lesson, answers=answers)
            except services.QuizTampered as error:
                context["quiz_error"] = error.message
                status = 400
            else:
                context["quiz_result"] = result
                context["answers"] = answers
                if result.missing:
                    context["quiz_error"] = _("Please answer every question.")
                    status = 400
                elif device is None:
                    services.lesson_record_quiz(user=request.user, lesson=lesson, result=result)
                else:
                    entry = device.setdefault(lesson.id, {})
                    entry["attempts"] = entry.get("attempts", 0) + 1
                    entry["percent"] = max(entry.get("percent") or 0, result.percent)
                    entry["done"] = entry.get("done") or result.mastered
        elif action == "done":
            try:
                if device is None:
                    services.lesson_complete(user=request.user, lesson=lesson)
                elif lesson.quiz() is None:
                    device.setdefault(lesson.id, {})["done"] = True
                else:
                    raise ValidationError(_("Answer the quiz to finish this lesson."))
            except ValidationError as error:
                context["quiz_error"] = error.messages[0]
                status = 400
            else:
                response = redirect(_next_in_course(lesson))
                if device is not None:
                    progress.write(response, device)
                return response
        else:
            status = 400
            context["quiz_error"] = _("Something in the request was wrong")
    context.update(_lesson_status(request, lesson, device))
    response = TemplateResponse(request, lesson.get_template(request), context, status=status)
    if device is not None and request.method == "POST" and status == 200:
        progress.write(response, device)
    return response


def _lesson_status(request, lesson: LessonPage, device) -> dict:
    course = lesson.get_parent().specific
    overview = selectors.course_overview(request=request, course=course)
    if device is not None:  # answers just graded are not in the cookie yet
        states = {
            lesson_id: {"done": bool(entry.get("done")), "percent": entry.get("percent")}
            for lesson_id, entry in device.items()
        }
        lessons = [lesson for lesson, _state in overview["lessons"]]
        overview["lessons"] = [(x, states.get(x.id, {})) for x in lessons]
        overview["done_count"] = sum(1 for x in lessons if states.get(x.id, {}).get("done"))
        overview["next_lesson"] = next(
            (x for x in lessons if not states.get(x.id, {}).get("done")), None
        )
    this = next((state for x, state in overview["lessons"] if x.id == lesson.id), {})
    lessons = [x for x, _state in overview["lessons"]]
    index = next((i for i, x in enumerate(lessons) if x.id == lesson.id), 0)
    return {
        **overview,
        "course": course,
        "lesson_state": this,
        "lesson_number": index + 1,
        "following_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
    }


def _next_in_course(lesson: LessonPage) -> str:
    following = lesson.get_next_siblings().live().type(LessonPage).first()
    return following.url if following else lesson.get_parent().url


# --- certificates -----------------------------------------------------------------------


@require_GET
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    form = CertificateLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = selectors.normalize_certificate_code(form.cleaned_data["code"])
        return redirect("learning:certificate", code=code or "-")
    return render(
        request,
        "learning/certificate_lookup.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def certificate_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The public check (and printable page) of a certificate. Every look-up counts
    against the address's limit, so codes cannot be tried one after another."""
    if not allow("certificate-verify", client_ip(request), limit=30, period=600):
        return too_many_requests(request)
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        form = CertificateLookupForm(initial={"code": code[:24]})
        return render(
            request,
            "learning/certificate_lookup.html",
            {"form": form, "not_found": True},
            status=404,
        )
    verify_url = request.build_absolute_uri(
        reverse("learning:certificate", args=[certificate.code])
    )
    return render(
        request,
        "learning/certificate.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "is_owner": request.user.is_authenticated and request.user.pk == certificate.user_id,
        },
    )


@login_required
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/my_learning.html",
        {"certificates": request.user.certificates.select_related("course").order_by("-issued_at")},
    )


# --- display options --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def display(request: HttpRequest) -> HttpResponse:
    """Larger text and high contrast for the whole site, kept in a cookie (works
    without JavaScript)."""
    current = set(request.COOKIES.get(DISPLAY_COOKIE, "").split(","))
    form = DisplayForm(
        request.POST or None,
        initial={"large_text": "large" in current, "high_contrast": "contrast" in current},
    )
    back = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    if request.method == "POST" and form.is_valid():
        chosen = [
            name
            for name, on in (
                ("large", form.cleaned_data["large_text"]),
                ("contrast", form.cleaned_data["high_contrast"]),
            )
            if on
        ]
        response = redirect(back)
        if chosen:
            response.set_cookie(
                DISPLAY_COOKIE, ",".join(chosen), max_age=365 * 24 * 3600, samesite="Lax"
            )
        else:
            response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
        return response
    return render(request, "learning/display.html", {"form": form, "next": back})


# --- ambassadors ------------------------------------------------------------------------


def _ambassador(request: HttpRequest):
    if not request.user.is_authenticated:
        return None
    if request.user.role != Role.AMBASSADOR:
        raise PermissionDenied
    return request.user


@login_required
def ambassador_home(request: HttpRequest) -> HttpResponse:
    ambassador = _ambassador(request)
    visits = selectors.visits_of_ambassador(ambassador)
    today = timezone.localdate()
    context = {
        "wards": ambassador.ambassador_wards.order_by("name_folded"),
        "groups": selectors.groups_of_ambassador(ambassador),
        "totals": selectors.ambassador_totals(ambassador),
        "recent_visits": visits[:10],
        "follow_ups": visits.filter(follow_up_on__gte=today).order_by("follow_up_on")[:10],
        "residents": selectors.residents_progress(ambassador),
    }
    return render(request, "learning/ambassador_home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ambassador_groups(request: HttpRequest) -> HttpResponse:
    ambassador = _ambassador(request)
    chosen = list(selectors.chosen_groups_of_ambassador(ambassador))
    form = GroupsForm(request.POST or None, ambassador=ambassador, initial={"groups": chosen})
    if request.method == "POST" and form.is_valid():
        try:
            services.ambassador_set_groups(
                ambassador=ambassador, groups=form.cleaned_data["groups"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your residential groups are saved."))
            return redirect("learning:ambassador")
    return render(
        request, "learning/groups_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest) -> HttpResponse:
    ambassador = _ambassador(request)
    form = VisitForm(request.POST or None, ambassador=ambassador)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.visit_record(
                ambassador=ambassador,
                ward=data["ward"],
                residential_group=data.get("residential_group"),
                resident=data.get("resident"),
                resident_name=data["resident_name"],
                resident_phone=data["resident_phone"],
                consent=data["consent"],
                skills=data["skills"],
                minutes=data["minutes"],
                people_helped=data["people_helped"],
                follow_up_on=data["follow_up_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Visit saved. Thank you!"))
            return redirect("learning:visit_saved")
    return render(
        request, "learning/visit_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def visit_saved(request: HttpRequest) -> HttpResponse:
    ambassador = _ambassador(request)
    return render(
        request,
        "learning/visit_saved.html",
        {"totals": selectors.ambassador_totals(ambassador)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def resident_enrol(request: HttpRequest) -> HttpResponse:
    ambassador = _ambassador(request)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = services.resident_enrol(
                ambassador=ambassador,
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                course=data["course"],
                consent=data["consent"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is enrolled in “%(course)s”. They sign in with a code sent "
                    "to %(email)s."
                )
                % {
                    "name": enrolment.resident.get_full_name(),
                    "course": enrolment.course.title,
                    "email": enrolment.resident.email,
                },
            )
            return redirect("learning:ambassador")
    return render(
        request, "learning/enrol_form.html", {"form": form}, status=400 if form.errors else 200
    )


# --- campaigns --------------------------------------------------------------------------


def _organiser(request: HttpRequest):
    if not selectors.is_organiser(request.user):
        raise PermissionDenied
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def campaign_list(request: HttpRequest) -> HttpResponse:
    organiser = _organiser(request)
    form = CampaignForm(request.POST or None)
    province = selectors.organiser_province(organiser)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(by=organiser, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("learning:campaign", pk=campaign.pk)
    return render(
        request,
        "learning/campaign_list.html",
        {
            "campaigns": selectors.campaigns_for_organiser(organiser),
            "form": form,
            "can_create": province is not None,
            "province": province,
        },
        status=400 if form.errors else 200,
    )


def _campaign(request: HttpRequest, pk: int):
    campaign = selectors.campaigns_for_organiser(_organiser(request)).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


@login_required
@require_http_methods(["GET", "POST"])
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    picker = WardPickerForm(request.GET or None, prefix="target")
    target_form = TargetForm(request.POST or None)
    picked = None
    if picker.is_bound and picker.is_valid():
        picked = picker.cleaned_data["ward"]
    if request.method == "POST":
        picker = WardPickerForm(request.POST, prefix="target", ward_required=True)
        if picker.is_valid() and target_form.is_valid():
            try:
                services.campaign_set_target(
                    by=request.user,
                    campaign=campaign,
                    ward=picker.cleaned_data["ward"],
                    **target_form.cleaned_data,
                )
            except ValidationError as error:
                target_form.add_error(None, error)
            else:
                messages.success(request, _("Target saved."))
                return redirect("learning:campaign", pk=campaign.pk)
        picked = picker.cleaned_data.get("ward") if hasattr(picker, "cleaned_data") else None
    context = {
        "campaign": campaign,
        "coverage": selectors.campaign_coverage(campaign),
        "rankings": selectors.campaign_rankings(campaign),
        "picker": picker,
        "picker_results": picker.results() if picker.is_bound and picked is None else [],
        "picked": picked,
        "target_form": target_form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/campaign_detail.html", context, status=status)


@login_required
@require_GET
def campaign_csv(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    coverage = selectors.campaign_coverage(campaign)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chien-dich-{campaign.pk}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Vietnamese correctly
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Level"),
            _("Name"),
            _("Code"),
            _("Households visited"),
            _("Households to visit"),
            _("Residents helped"),
            _("Residents to help"),
            _("Skills gained"),
        ]
    )
    for level, rows in (
        (_("Ward"), coverage["wards"]),
        (_("Residential group"), coverage["groups"]),
    ):
        for row in rows:
            writer.writerow(
                [
                    level,
                    row.label,
                    row.code,
                    row.households,
                    row.households_target or "",
                    row.residents,
                    row.residents_target or "",
                    row.skills,
                ]
            )
    return response


# --- officials' track -------------------------------------------------------------------


@login_required
def officials_report(request: HttpRequest) -> HttpResponse:
    if request.user.role not in (Role.ADMINISTRATOR, Role.OVERSIGHT, Role.COUNCIL_STAFF):
        raise PermissionDenied
    return render(
        request,
        "learning/officials_report.html",
        {"report": selectors.officials_report(request.user)},
    )


def course_index_url() -> str:
    from learning.models import CourseIndexPage

    index = CourseIndexPage.objects.live().first()
    return index.url if index else "/"
