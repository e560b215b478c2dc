"""Editors' views in the Wagtail admin: importing an official list from a file."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from elections import services
from elections.forms import ImportForm
from elections.importer import COLUMNS


@require_http_methods(["GET", "POST"])
@permission_required("elections.add_importbatch", raise_exception=True)
def import_list(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = services.candidates_import(
            election=form.cleaned_data["election"],
            level=form.cleaned_data["level"],
            province=form.cleaned_data["province"],
            content=upload.read(),
            file_name=upload.name,
            source_document=form.cleaned_data["source_document"],
            source_url=form.cleaned_data["source_url"],
            user=request.user,
        )
    status = 400 if (form.errors or (report and not report.is_valid)) else 200
    context = {
        "form": form,
        "report": report,
        "columns": COLUMNS,
        "header_title": _("Import an official list"),
        "page_title": _("Import an official list"),
        "header_icon": "upload",
    }
    return render(request, "elections/admin/import.html", context, status=status)
