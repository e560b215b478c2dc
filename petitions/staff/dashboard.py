"""The council dashboard in the admin: open cases by status, overdue, median working days
to answer, satisfaction, by topic and by ward, a 12-week trend — drawn as charts with the
numbers in tables, exported as CSV or XLSX."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from petitions import selectors

# Above this many councils (administrators) the picker lists province councils only.
_PICKER_LIMIT = 300


class CouncilDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "petitions/staff/dashboard.html"
    page_title = gettext_lazy("Petition statistics")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        councils = selectors.councils_for_staff(request.user)
        wanted = request.GET.get("council") or request.user.council_id
        self.council = councils.filter(pk=wanted).first() if str(wanted or "").isdigit() else None
        if self.council is None:
            self.council = councils.order_by("level", "name").first()
        if self.council is None:
            raise Http404
        if councils.count() > _PICKER_LIMIT:
            councils = councils.filter(level="province") | councils.filter(pk=self.council.pk)
        self.councils = councils.order_by("level", "name")
        self.figures = selectors.council_dashboard(self.council.pk, today=timezone.localdate())
        if request.GET.get("export") in ("csv", "xlsx"):
            return self.export(request.GET["export"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.council.name

    def get_context_data(self, **kwargs):
        figures = self.figures
        context = super().get_context_data(**kwargs)
        context.update(
            council=self.council,
            councils=self.councils if self.councils.count() > 1 else [],
            figures=figures,
            topic_max=max([row["total"] for row in figures["by_topic"]] or [1]),
            ward_max=max([row["total"] for row in figures["by_ward"]] or [1]),
            status_max=max([row["total"] for row in figures["by_status"]] or [1]) or 1,
            trend_bars=_trend_bars(figures["trend"]),
        )
        return context

    def rows(self) -> list[list]:
        figures = self.figures
        rows = [[_("Section"), _("Item"), _("Total"), _("Open")]]
        rows.append([_("Summary"), _("Open cases"), figures["open_total"], ""])
        rows.append([_("Summary"), _("Overdue"), figures["overdue"], ""])
        rows.append(
            [
                _("Summary"),
                _("Median working days to answer"),
                figures["median_days_to_answer"] if figures["median_days_to_answer"] else "",
                "",
            ]
        )
        rows.append([_("Summary"), _("Satisfied (%)"), figures["satisfaction_rate"] or "", ""])
        rows += [[_("Status"), row["label"], row["total"], ""] for row in figures["by_status"]]
        rows += [
            [_("Topic"), row["label"], row["total"], row["open"]] for row in figures["by_topic"]
        ]
        rows += [
            [_("Ward/commune"), row["label"], row["total"], row["open"]]
            for row in figures["by_ward"]
        ]
        rows += [
            [_("Week"), week["week"].isoformat(), week["received"], week["answered"]]
            for week in figures["trend"]
        ]
        return rows

    def export(self, file_format: str) -> HttpResponse:
        filename = f"thong-ke-kien-nghi-{self.council.pk}.{file_format}"
        if file_format == "csv":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(self.rows())
            response = HttpResponse(
                "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
            )
        else:
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(_("Statistics"))
            for row in self.rows():
                sheet.append([str(cell) if isinstance(cell, Promise) else cell for cell in row])
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _trend_bars(trend: list[dict], *, height: int = 140, base: int = 150) -> list[dict]:
    """SVG geometry of the weekly bars (received, answered), scaled to the highest week."""
    top = max([max(week["received"], week["answered"]) for week in trend] or [0]) or 1
    bars = []
    for index, week in enumerate(trend):
        received = round(height * week["received"] / top)
        answered = round(height * week["answered"] / top)
        bars.append(
            {
                "week": week,
                "x": index * 50 + 4,
                "received_y": base - received,
                "received_h": received,
                "answered_x": index * 50 + 26,
                "answered_y": base - answered,
                "answered_h": answered,
            }
        )
    return bars
