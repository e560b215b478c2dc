"""Background work for elections: telling editors about a report from the public.

Tasks take primary keys; sending twice is harmless (a report is only announced)."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from elections.models import ErrorReport
from elections.services import EDITORS_GROUP


@shared_task(bind=True, name="elections.notify_error_report", max_retries=5)
def notify_error_report(self, report_id: int) -> int:
    report = (
        ErrorReport.objects.select_related("election", "unit", "candidate")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(Q(groups__name=EDITORS_GROUP) | Q(is_superuser=True), is_active=True)
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return 0
    with translation.override("vi"):
        subject = render_to_string(
            "elections/email/error_report_subject.txt", {"report": report}
        ).strip()
        body = render_to_string("elections/email/error_report.txt", {"report": report})
    try:
        send_mail(subject, body, None, recipients)
    except OSError as error:
        raise self.retry(countdown=min(60 * 2**self.request.retries, 3600)) from error
    return len(recipients)
