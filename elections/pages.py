"""The election page: one Wagtail page per election serves every council level, unit,
candidate, "my ballots", the timeline, the comparison and the open data through routes.

Candidates stay rows in the database (≈200,000 of them); the page tree holds one page per
election. Each route calls one selector and renders.
"""

from __future__ import annotations

import json

from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core import selectors as places
from core.forms import WardPickerForm
from core.models import BasePage
from core.ratelimit import allow, client_ip
from core.views import too_many_requests
from elections import opendata, selectors, services
from elections.choices import LEVEL_BY_SLUG, LEVEL_SLUGS, BallotLevel
from elections.forms import PracticeBallotForm, ReportErrorForm

SITEMAP_PAGE_SIZE = 10_000


class ElectionPage(RoutablePageMixin, BasePage):
    election = models.OneToOneField(
        "elections.Election",
        on_delete=models.PROTECT,
        related_name="page",
        verbose_name=gettext_lazy("election"),
    )
    lead = models.TextField(gettext_lazy("lead"), blank=True, max_length=400)

    content_panels = [*BasePage.content_panels, FieldPanel("election"), FieldPanel("lead")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = gettext_lazy("election page")

    # ---- helpers -------------------------------------------------------------------------

    def _render(self, request, template: str, context: dict, status: int = 200):
        context = {"page": self, "self": self, "election": self.election, **context}
        return TemplateResponse(request, template, context, status=status)

    def unit_url(self, unit) -> str:
        return self.url + self.reverse_subpage("unit", args=[unit.pk])

    def candidate_url(self, candidate) -> str:
        return self.url + self.reverse_subpage("candidate", args=[candidate.pk])

    def _unit_or_404(self, pk: int):
        unit = selectors.unit_public(election=self.election, pk=pk)
        if unit is None:
            raise Http404
        return unit

    def _unit_crumbs(self, unit) -> list[tuple[str, str]]:
        slug = LEVEL_SLUGS[unit.level]
        return [
            (self.url + self.reverse_subpage("level", args=[slug]), unit.get_level_display()),
            (
                self.url + self.reverse_subpage("level_province", args=[slug, unit.province.code]),
                unit.province.name,
            ),
        ]

    def _unit_context(self, unit) -> dict:
        candidacies = selectors.unit_candidacies(unit)
        return {
            "crumbs": self._unit_crumbs(unit),
            "unit": unit,
            "candidacies": candidacies,
            "wards": selectors.unit_wards(unit),
            "level_slug": LEVEL_SLUGS[unit.level],
            "ballot": selectors.Ballot(unit=unit, candidate_count=len(candidacies)),
        }

    # ---- routes --------------------------------------------------------------------------

    @path("")
    def index(self, request):
        return self._render(
            request,
            "elections/election_page.html",
            {
                "levels": [
                    {**level, "slug": LEVEL_SLUGS[level["level"]]}
                    for level in selectors.levels_summary(self.election)
                ],
                "picker": WardPickerForm(),
                "timeline": selectors.timeline(election=self.election),
            },
        )

    @path("cap/<str:level_slug>/", name="level")
    def level(self, request, level_slug: str):
        level = LEVEL_BY_SLUG.get(level_slug)
        if level is None:
            raise Http404
        provinces = selectors.provinces_with_units(election=self.election, level=level)
        return self._render(
            request,
            "elections/level.html",
            {"level": BallotLevel(level), "level_slug": level_slug, "provinces": provinces},
        )

    @path("cap/<str:level_slug>/<str:province_code>/", name="level_province")
    def level_province(self, request, level_slug: str, province_code: str):
        level = LEVEL_BY_SLUG.get(level_slug)
        province = places.province_by_code(province_code)
        if level is None or province is None:
            raise Http404
        units = selectors.units_in_province(election=self.election, level=level, province=province)
        level_url = self.url + self.reverse_subpage("level", args=[level_slug])
        return self._render(
            request,
            "elections/province_units.html",
            {
                "crumbs": [(level_url, BallotLevel(level).label)],
                "level": BallotLevel(level),
                "level_slug": level_slug,
                "province": province,
                "units": units,
            },
        )

    @path("don-vi/<int:pk>/", name="unit")
    def unit(self, request, pk: int):
        unit = self._unit_or_404(pk)
        return self._render(request, "elections/unit.html", self._unit_context(unit))

    @path("don-vi/<int:pk>/so-sanh/", name="compare")
    def compare(self, request, pk: int):
        unit = self._unit_or_404(pk)
        return self._render(request, "elections/compare.html", self._unit_context(unit))

    @path("don-vi/<int:pk>/tap-bo-phieu/", name="practice")
    def practice(self, request, pk: int):
        """Strike names out as on paper and see whether the ballot would count."""
        unit = self._unit_or_404(pk)
        context = self._unit_context(unit)
        form = PracticeBallotForm(request.GET or None, candidacies=context["candidacies"])
        verdict = None
        if form.is_bound and form.is_valid():
            kept = len(context["candidacies"]) - len(form.cleaned_data["struck"])
            if kept == 0:
                verdict = ("invalid", _("Not valid: you struck out every name."))
            elif kept > unit.seats:
                verdict = (
                    "invalid",
                    _("Not valid: you kept %(kept)d names, but at most %(seats)d may stay.")
                    % {"kept": kept, "seats": unit.seats},
                )
            else:
                verdict = (
                    "valid",
                    _("Valid: you kept %(kept)d of %(seats)d names allowed.")
                    % {"kept": kept, "seats": unit.seats},
                )
        context.update({"form": form, "verdict": verdict})
        return self._render(request, "elections/practice.html", context)

    @path("ung-vien/<int:pk>/", name="candidate")
    def candidate(self, request, pk: int):
        candidate = selectors.candidate_public(election=self.election, pk=pk)
        if candidate is None:
            raise Http404
        url = request.build_absolute_uri(self.candidate_url(candidate))
        image_url = ""
        if candidate.photo_id:
            image_url = request.build_absolute_uri(
                candidate.photo.get_rendition("fill-240x320").url
            )
        jsonld = opendata.candidate_jsonld(candidate, self.election, url=url, image_url=image_url)
        return self._render(
            request,
            "elections/candidate.html",
            {
                "candidate": candidate,
                "candidacies": candidate.candidacies.all(),
                "crumbs": self._unit_crumbs(candidate.candidacies.all()[0].unit),
                "jsonld": json.dumps(jsonld, ensure_ascii=False).replace("</", "<\\/"),
            },
        )

    @path("la-phieu-cua-toi/", name="my_ballots")
    def my_ballots(self, request):
        form = WardPickerForm(request.GET or None)
        chosen, results, ballots = None, [], []
        if form.is_bound and form.is_valid():
            chosen = form.cleaned_data["ward"]
            results = [] if chosen else form.results()
            if chosen:
                ballots = selectors.ballots_for_ward(election=self.election, ward=chosen)
        status = 400 if form.is_bound and form.errors else 200
        practice_url = ""
        if chosen:
            practice_url = self._practice_url()
        return self._render(
            request,
            "elections/my_ballots.html",
            {
                "picker": form,
                "results": results,
                "chosen": chosen,
                "ballots": ballots,
                "practice_url": practice_url,
            },
            status=status,
        )

    def _practice_url(self) -> str:
        """The practice ballot of the demo data (a practice election's first unit)."""
        page = ElectionPage.objects.live().filter(election__is_practice=True).first()
        unit = page and selectors.public_units(page.election).order_by("pk").first()
        if not unit:
            return ""
        return page.url + page.reverse_subpage("practice", args=[unit.pk])

    @path("thoi-gian-bieu/", name="timeline")
    def timeline(self, request):
        province = places.province_by_code(request.GET.get("tinh", ""))
        return self._render(
            request,
            "elections/timeline.html",
            {
                "province": province,
                "provinces": places.provinces_all(),
                "steps": selectors.timeline(election=self.election, province=province),
            },
        )

    @path("bao-loi/", name="report_error")
    def report_error(self, request):
        unit = candidate = None
        source = request.POST if request.method == "POST" else request.GET
        if source.get("ung_vien", "").isdigit():
            candidate = selectors.candidate_public(
                election=self.election, pk=int(source["ung_vien"])
            )
        if source.get("don_vi", "").isdigit():
            unit = selectors.unit_public(election=self.election, pk=int(source["don_vi"]))
        form = ReportErrorForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            # Each report e-mails every editor: 5 an hour per address keeps that bearable.
            if not allow("election-report", client_ip(request), limit=5, period=3600):
                return too_many_requests(request)
            if not form.cleaned_data["website"]:
                services.error_report_submit(
                    election=self.election,
                    unit=unit,
                    candidate=candidate,
                    description=form.cleaned_data["description"],
                    source=form.cleaned_data["source"],
                    contact=form.cleaned_data["contact"],
                )
            return redirect(self.url + self.reverse_subpage("report_error") + "?da_gui=1")
        return self._render(
            request,
            "elections/report_error.html",
            {
                "form": form,
                "unit": unit,
                "candidate": candidate,
                "sent": request.GET.get("da_gui") == "1",
            },
            status=400 if form.errors else 200,
        )

    # ---- open data -----------------------------------------------------------------------

    def _popolo_response(self, request, unit=None) -> JsonResponse:
        candidacies = list(selectors.election_candidacies(self.election, unit))
        data = opendata.popolo(
            candidacies,
            url_for_candidate=lambda c: request.build_absolute_uri(self.candidate_url(c)),
        )
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    def _csv_response(self, name: str, unit=None) -> HttpResponse:
        response = HttpResponse(
            opendata.csv_text(selectors.election_candidacies(self.election, unit)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    @path("du-lieu/popolo/", name="popolo")
    def popolo(self, request):
        return self._popolo_response(request)

    @path("du-lieu/csv/", name="csv")
    def csv(self, request):
        return self._csv_response(f"ung-vien-{self.election.slug}")

    @path("don-vi/<int:pk>/du-lieu/popolo/", name="unit_popolo")
    def unit_popolo(self, request, pk: int):
        return self._popolo_response(request, self._unit_or_404(pk))

    @path("don-vi/<int:pk>/du-lieu/csv/", name="unit_csv")
    def unit_csv(self, request, pk: int):
        return self._csv_response(
            f"ung-vien-{self.election.slug}-don-vi-{pk}", self._unit_or_404(pk)
        )

    @path("sitemap-ung-vien/", name="candidate_sitemap")
    def candidate_sitemap(self, request):
        """Candidate pages, 10,000 per sitemap file (?p=2…), listed from the site map."""
        ids = (
            selectors.public_candidacies()
            .filter(unit__election=self.election)
            .order_by("candidate_id")
            .values_list("candidate_id", "candidate__updated_at")
            .distinct()
        )
        try:
            page = Paginator(ids, SITEMAP_PAGE_SIZE).page(int(request.GET.get("p", "1") or 1))
        except (EmptyPage, ValueError) as error:
            raise Http404 from error
        base = request.build_absolute_uri(self.url)
        return TemplateResponse(
            request,
            "elections/sitemap.xml",
            {"base": base.rstrip("/"), "rows": page.object_list},
            content_type="application/xml",
        )

    def get_sitemap_urls(self, request=None):
        """The election's own routes and every published unit (≈11,000, within the
        50,000 a sitemap may hold); candidates have their own sitemap files."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        lastmod = urls[0]["lastmod"] if urls else None
        for name in ("my_ballots", "timeline"):
            urls.append({"location": base + self.reverse_subpage(name), "lastmod": lastmod})
        for level, slug in LEVEL_SLUGS.items():
            urls.append(
                {"location": base + self.reverse_subpage("level", args=[slug]), "lastmod": lastmod}
            )
            del level
        for pk, updated_at in selectors.public_units(self.election).values_list("pk", "updated_at"):
            urls.append(
                {"location": base + self.reverse_subpage("unit", args=[pk]), "lastmod": updated_at}
            )
        return urls
