"""Public petition pages: filing step by step, confirming without an account, the status
page. Thin: forms validate, services write, selectors read."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.choices import Role
from core import selectors as places
from core.forms import WardPickerForm
from core.ratelimit import allow, client_ip
from core.views import too_many_requests
from petitions import selectors, services, states
from petitions.choices import Status
from petitions.forms import ContactForm, LookupForm, RatingForm, ResidentForm, WhatForm
from petitions.models import Petition, Topic

DRAFT = "petition_draft"
# The code of the petition this browser filed last: a send repeated after the first one
# went through (its answer lost on a slow network) is shown that petition.
LAST_FILED = "petition_last_filed"
# Codes this browser opened with the right contact (the owner page without an account).
GRANTED = "petitions_granted"


def _steps() -> list[tuple[str, str]]:
    """(url name, label) of the filing steps, in order."""
    return [
        ("petitions:file_where", _("Where")),
        ("petitions:file_what", _("What")),
        ("petitions:file_evidence", _("Photos and papers")),
        ("petitions:file_who", _("Who")),
        ("petitions:file_review", _("Check and send")),
    ]


def _draft(request: HttpRequest) -> dict:
    return request.session.get(DRAFT, {})


def _save_draft(request: HttpRequest, **values) -> None:
    draft = {**_draft(request), **values}
    # The petition's code is drawn with its draft: sending the same draft twice (a double
    # tap, a retry on a slow network) then finds the first petition (petition_submit).
    draft.setdefault("tracking_code", services.new_tracking_code())
    request.session[DRAFT] = draft


def _render_step(
    request: HttpRequest, number: int, template: str, context: dict, status: int = 200
):
    steps = [
        {"url_name": name, "label": label, "number": i + 1}
        for i, (name, label) in enumerate(_steps())
    ]
    context = {
        **context,
        "steps": steps,
        "step": number,
        "step_count": len(steps),
        "draft": _draft(request),
    }
    return render(request, template, context, status=status)


def _is_ambassador(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.role == Role.AMBASSADOR


@require_GET
def file_where(request: HttpRequest) -> HttpResponse:
    """Step 1: the ward (the province → ward picker, searchable with or without diacritics)."""
    picker = WardPickerForm(request.GET or None, ward_required="ward" in request.GET)
    results = []
    if picker.is_bound and picker.is_valid():
        ward = picker.cleaned_data["ward"]
        if ward is not None:
            _save_draft(request, ward=ward.code)
            return redirect("petitions:file_what")
        results = picker.results()
    current = places.ward_by_code(_draft(request).get("ward", ""))
    status = 400 if picker.is_bound and picker.errors else 200
    context = {"picker": picker, "results": results, "current_ward": current}
    return _render_step(request, 1, "petitions/file_where.html", context, status)


@require_http_methods(["GET", "POST"])
def file_what(request: HttpRequest) -> HttpResponse:
    """Step 2: the topic and the problem in the citizen's words."""
    draft = _draft(request)
    if "ward" not in draft:
        return redirect("petitions:file_where")
    form = WhatForm(request.POST or None, initial=draft)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _save_draft(
            request,
            topic=data["topic"].pk,
            title=data["title"],
            description=data["description"],
            location=data["location"],
        )
        return redirect("petitions:file_evidence")
    context = {"form": form, "ward": places.ward_by_code(draft["ward"])}
    return _render_step(
        request, 2, "petitions/file_what.html", context, 400 if form.errors else 200
    )


def _draft_key(request: HttpRequest) -> str:
    """The key the draft's uploads are filed under until the petition exists."""
    key = _draft(request).get("draft_key")
    if not key:
        key = secrets.token_urlsafe(24)
        _save_draft(request, draft_key=key)
    return key


@require_http_methods(["GET", "POST"])
def file_evidence(request: HttpRequest) -> HttpResponse:
    """Step 3 (optional): photos and papers. Each file is checked when it arrives; a
    refused file is named with the reason and the others are kept."""
    if "title" not in _draft(request):
        return redirect("petitions:file_what")
    key = _draft_key(request)
    errors = []
    if request.method == "POST":
        action = request.POST.get("action", "continue")
        if action == "upload":
            files = request.FILES.getlist("files")
            if not files:
                errors.append(_("Choose a photo or a PDF first."))
            for upload in files[:10]:
                try:
                    services.attachment_add(upload=upload, draft_key=key)
                except ValidationError as error:
                    errors.append(f"{upload.name}: {' '.join(error.messages)}")
            if not errors:
                return redirect("petitions:file_evidence")
        elif action.startswith("remove-"):
            attachment = selectors.draft_attachment(key, action.removeprefix("remove-"))
            if attachment is not None:
                services.attachment_remove(attachment=attachment)
            return redirect("petitions:file_evidence")
        else:
            return redirect("petitions:file_who")
    draft = _draft(request)
    ward = places.ward_by_code(draft.get("ward", ""))
    topic = Topic.objects.filter(pk=draft.get("topic")).first()
    context = {
        "similar": selectors.similar_petitions(ward=ward, topic=topic, title=draft.get("title", ""))
        if ward and topic
        else [],
        "attachments": selectors.draft_attachments(key),
        "errors": errors,
        "max_images": services.MAX_IMAGES,
        "max_pdfs": services.MAX_PDFS,
    }
    return _render_step(request, 3, "petitions/file_evidence.html", context, 400 if errors else 200)


def _contact_form(request: HttpRequest, data=None):
    draft = _draft(request)
    if _is_ambassador(request):
        return ResidentForm(data, initial=draft)
    if request.user.is_authenticated:
        initial = {"contact_name": request.user.get_full_name(), **draft}
        return ContactForm(data, initial=initial, account=request.user)
    return ContactForm(data, initial=draft)


@require_http_methods(["GET", "POST"])
def file_who(request: HttpRequest) -> HttpResponse:
    """Step 3: who files and how to reach them (an ambassador enters the resident)."""
    if "title" not in _draft(request):
        return redirect("petitions:file_what")
    form = _contact_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        _save_draft(request, **form.cleaned_data)
        return redirect("petitions:file_review")
    context = {"form": form, "for_resident": _is_ambassador(request)}
    return _render_step(request, 4, "petitions/file_who.html", context, 400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def file_review(request: HttpRequest) -> HttpResponse:
    """Step 4: everything on one page; sending hands the draft to ``petition_submit``."""
    draft = _draft(request)
    if "contact_name" not in draft:
        if request.method == "POST":  # sent again after the first send went through?
            filed = selectors.petition_by_code(request.session.get(LAST_FILED, ""))
            if filed is not None:
                return _after_filing(filed)
        return redirect("petitions:file_who")
    choice = services.filing_choice(ward_code=draft["ward"], topic_id=draft["topic"])
    if choice is None:
        return redirect("petitions:file_where")
    ward, topic = choice.ward, choice.topic
    if request.method == "POST":
        # Without an account a script could flood councils: 10 petitions an hour per address.
        if not request.user.is_authenticated and not allow(
            "petition-file", client_ip(request), limit=10, period=3600
        ):
            return too_many_requests(request)
        try:
            # The draft leaves in the petition's own commit: one commit for both, and no
            # moment where the petition is filed but its draft could be sent again.
            petition = services.petition_submit(
                **_submission(request, draft, ward, topic),
                routing=choice.routing,
                on_filed=lambda petition: _forget_draft(request, petition),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except UpdateError:  # signed out meanwhile: nothing was filed
            raise SessionInterrupted from None
        except services.AlreadyFiled as repeat:  # the first send filed it: show that one
            return _after_filing(repeat.petition)
        else:
            request.session.modified = False  # saved above; the middleware need not again
            if petition.status == Status.UNCONFIRMED:
                services.petition_send_confirmation(petition=petition)
            return _after_filing(petition)
    routing = services.petition_route(ward=ward, topic=topic)
    context = {
        "ward": ward,
        "topic": topic,
        "council": routing.council,
        "for_resident": _is_ambassador(request),
    }
    context["attachments"] = selectors.draft_attachments(draft.get("draft_key", ""))
    return _render_step(request, 5, "petitions/file_review.html", context)


def _after_filing(petition: Petition) -> HttpResponse:
    if petition.status == Status.UNCONFIRMED:
        return redirect("petitions:confirm", petition.tracking_code)
    return redirect("petitions:filed", petition.tracking_code)


def _forget_draft(request: HttpRequest, petition: Petition) -> None:
    del request.session[DRAFT]
    request.session[LAST_FILED] = petition.tracking_code
    request.session.save()


def _submission(request: HttpRequest, draft: dict, ward, topic) -> dict:
    values = {
        "ward": ward,
        "topic": topic,
        "title": draft["title"],
        "description": draft["description"],
        "location": draft.get("location", ""),
        "contact_name": draft["contact_name"],
        "contact_email": draft.get("contact_email", ""),
        "contact_phone": draft.get("contact_phone", ""),
        "show_name": draft.get("show_name", False),
        "draft_key": draft.get("draft_key", ""),
        "tracking_code": draft.get("tracking_code", ""),
    }
    if _is_ambassador(request):
        values.update(filed_by=request.user, resident_consent=bool(draft.get("consent")))
    elif request.user.is_authenticated:
        values.update(petitioner=request.user, contact_email=request.user.email)
    return values


def _unconfirmed(code: str) -> Petition:
    petition = selectors.petition_by_code(code)
    if petition is None:
        raise Http404
    return petition


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Filing without an account: enter the six-digit code we sent."""
    petition = _unconfirmed(code)
    if petition.status != Status.UNCONFIRMED:
        return redirect("petitions:filed", petition.tracking_code)
    error = ""
    if request.method == "POST" and request.POST.get("action") == "resend":
        try:
            services.petition_send_confirmation(petition=petition, resend=True)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.info(request, _("We sent you a new code."))
            return redirect("petitions:confirm", petition.tracking_code)
    elif request.method == "POST":
        # Five tries per code, and at most fifteen a day per petition whatever the resends:
        # guessing a six-digit code stays hopeless.
        if not allow("petition-confirm", petition.tracking_code, limit=15, period=86400):
            return too_many_requests(request)
        result = services.petition_confirm_by_code(
            petition=petition, code=request.POST.get("code", "")[:12]
        )
        if result is services.CodeCheck.CONFIRMED:
            return redirect("petitions:filed", petition.tracking_code)
        if result is services.CodeCheck.WRONG:
            error = _("That code is not right. Check the message and try again.")
        else:
            error = _(
                "That code has expired or was entered wrongly too many times. "
                "Ask for a new code below."
            )
    context = {"petition": petition, "error": error}
    return render(request, "petitions/confirm.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def confirm_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation message. Opening it only shows a button: mail scanners
    fetch links, and a GET must never confirm."""
    petition = services.petition_from_confirmation_link(token)
    if petition is None:
        return render(request, "petitions/confirm_link.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.petition_confirm(petition=petition)
        return redirect("petitions:filed", petition.tracking_code)
    if petition.status != Status.UNCONFIRMED:
        return redirect("petitions:filed", petition.tracking_code)
    return render(request, "petitions/confirm_link.html", {"petition": petition})


@require_GET
def filed(request: HttpRequest, code: str) -> HttpResponse:
    """Sent: the tracking code, large, and what happens next."""
    petition = selectors.petition_public_by_code(code)
    if petition is None:
        raise Http404
    return render(
        request,
        "petitions/filed.html",
        {"petition": petition, "info": states.STATE_INFO[petition.status]},
    )


@require_GET
def petition_status(request: HttpRequest, code: str) -> HttpResponse:
    """The public status page: where the petition stands, the timeline of public events
    and the answer. Never the petitioner's contact; the name only if they chose to show it."""
    petition = selectors.petition_public_by_code(code)
    if petition is None:
        raise Http404
    context = {
        "petition": petition,
        "info": states.STATE_INFO[petition.status],
        "is_open": petition.status in states.OPEN,
        "is_paused": petition.status in states.CLOCK_PAUSED,
        "events": selectors.petition_public_events(petition),
        "commitments": selectors.petition_commitments(petition),
        "can_support": petition.is_published and petition.status in states.OPEN,
        "has_supported": selectors.has_cosigned(petition, request.user),
        "public_attachments": petition.attachments.filter(is_public=True)
        if petition.is_published
        else [],
    }
    return render(request, "petitions/status_page.html", context)


@login_required
@require_http_methods(["POST"])
def cosign(request: HttpRequest, code: str) -> HttpResponse:
    """Add one's support to a published petition (one per verified account)."""
    petition = selectors.petition_public_by_code(code)
    if petition is None:
        raise Http404
    try:
        added = services.petition_cosign(petition=petition, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if added:
            messages.success(request, _("Thank you: your support was added."))
        else:
            messages.info(request, _("You already support this petition."))
    return redirect("petitions:status", petition.tracking_code)


@login_required
@require_GET
def my_petitions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "petitions/my_petitions.html",
        {"petitions": selectors.petitions_of_user(request.user)},
    )


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Open one's petition without an account: the tracking code and the contact given."""
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow("petition-lookup", client_ip(request), limit=10, period=600):
            return too_many_requests(request)
        petition = selectors.petition_by_code_and_contact(
            form.cleaned_data["code"], form.cleaned_data["contact"]
        )
        if petition is not None:
            request.session[GRANTED] = [
                *request.session.get(GRANTED, [])[-19:],
                petition.tracking_code,
            ]
            return redirect("petitions:mine", petition.tracking_code)
        form.add_error(
            None,
            _("We found no petition with this code and this contact. Check both and try again."),
        )
    return render(
        request, "petitions/lookup.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every message. Opening it shows a button; pressing it stops messages."""
    petition = services.petition_from_unsubscribe_token(token)
    if petition is None:
        raise Http404
    if request.method == "POST":
        services.petition_mute(petition=petition)
    return render(request, "petitions/unsubscribe.html", {"petition": petition})


@require_http_methods(["GET", "POST"])
def my_petition(request: HttpRequest, code: str) -> HttpResponse:
    """The petitioner's own view: what they filed, the status, and their actions (rate
    the answer, withdraw). Signed in, or opened here with the code and contact."""
    petition = selectors.petition_of_owner(
        request.user, code, granted_codes=request.session.get(GRANTED, [])
    )
    if petition is None:
        if not request.user.is_authenticated:
            return redirect("petitions:lookup")
        raise Http404
    action = request.POST.get("action")
    rating_form = RatingForm(request.POST if action == "rate" else None)
    if request.method == "POST":
        try:
            if action == "withdraw_confirmed":
                services.petition_withdraw(
                    petition=petition, actor=request.user if request.user.is_authenticated else None
                )
                messages.success(request, _("Your petition was withdrawn."))
                return redirect("petitions:mine", petition.tracking_code)
            if rating_form.is_valid():
                services.petition_rate(
                    petition=petition,
                    rating=rating_form.cleaned_data["rating"],
                    comment=rating_form.cleaned_data["comment"],
                    actor=request.user if request.user.is_authenticated else None,
                )
                messages.success(request, _("Thank you. Your rating was sent to the council."))
                return redirect("petitions:mine", petition.tracking_code)
        except ValidationError as error:
            rating_form.add_error(None, error)
    context = {
        "petition": petition,
        "info": states.STATE_INFO[petition.status],
        "rating_form": rating_form,
        "can_rate": petition.status == Status.ANSWERED,
        "can_withdraw": petition.status in states.WITHDRAWABLE,
        "confirm_withdraw": action == "withdraw",  # one more press before it is final
        "events": selectors.petition_public_events(petition),
    }
    return render(
        request, "petitions/my_petition.html", context, status=400 if rating_form.errors else 200
    )


@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A photo or PDF, to whoever may see it: the draft's author, the petitioner, or anyone
    once staff published it. Everyone else gets 404, never the file."""
    found = selectors.attachment_for_viewer(
        pk,
        user=request.user,
        draft_key=_draft(request).get("draft_key", ""),
        granted_codes=request.session.get(GRANTED, []),
    )
    if found is None:
        raise Http404
    return attachment_response(found, thumbnail=request.GET.get("nho") == "1")


def attachment_response(found, *, thumbnail: bool = False) -> FileResponse:
    """Serve a stored photo or PDF so that it can do nothing in the browser."""
    thumbnail = thumbnail and bool(found.thumbnail)
    stored = found.thumbnail if thumbnail else found.file
    is_pdf = found.kind == "pdf" and not thumbnail
    response = FileResponse(
        stored.open("rb"),
        content_type="application/pdf" if is_pdf else "image/jpeg",
        as_attachment=is_pdf,
        filename=found.original_name if is_pdf else None,
    )
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
