"""What a learner has done: lessons completed, quiz scores, certificates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """A signed-in learner's progress in one lesson. Anonymous learners keep the same
    facts in a signed cookie (learning/progress.py) until they sign in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "learning.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    best_percent = models.PositiveSmallIntegerField(_("best quiz score (%)"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("quiz attempts"), default=0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.lesson_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Certificate(models.Model):
    """Issued once per learner and course when every lesson is completed. The name and
    title are copied so a later rename of the page or account does not change it."""

    code = models.CharField(_("verification code"), max_length=12, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    course = models.ForeignKey(
        "learning.CoursePage", on_delete=models.PROTECT, related_name="certificates"
    )
    full_name = models.CharField(_("learner's name"), max_length=150)
    course_title = models.CharField(_("course"), max_length=255)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.display_code} — {self.full_name}"

    @property
    def display_code(self) -> str:
        code = self.code
        return f"CN-{code[:4]}-{code[4:8]}-{code[8:]}"
