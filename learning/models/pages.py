"""Courses in Wagtail: CourseIndexPage → CoursePage → LessonPage."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.models import BasePage
from learning.blocks import LessonBlock
from learning.choices import MASTERY_PERCENT, Audience, Level, Skill


class SkillsField(models.JSONField):
    """A list of ``Skill`` codes, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=Skill.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class CourseIndexPage(BasePage):
    lead = models.TextField(_("lead"), blank=True, max_length=400)

    content_panels = [*Page.content_panels, FieldPanel("lead")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["learning.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        from learning import selectors

        context = super().get_context(request, *args, **kwargs)
        courses = list(CoursePage.objects.child_of(self).live().specific().order_by("path"))
        context["courses"] = [c for c in courses if c.audience == Audience.PUBLIC]
        context["official_courses"] = [c for c in courses if c.audience == Audience.OFFICIALS]
        context["progress"] = selectors.course_progress_map(request=request, courses=courses)
        return context


class CoursePage(BasePage):
    lead = models.TextField(_("lead"), max_length=400)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, default=Level.FIRST_STEPS
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=15, help_text=_("About how long the whole course takes.")
    )
    skills = SkillsField(_("skills taught"), default=list, blank=True)
    what_you_need = models.TextField(
        _("what you need"),
        blank=True,
        max_length=400,
        help_text=_("e.g. a smartphone, your citizen identity card, a phone number."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("level"),
                FieldPanel("duration_minutes"),
                FieldPanel("skills"),
                FieldPanel("what_you_need"),
            ],
            heading=_("About the course"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead")]
    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def skill_labels(self) -> list[str]:
        labels = dict(Skill.choices)
        return [labels[code] for code in self.skills if code in labels]

    def get_context(self, request, *args, **kwargs):
        from learning import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_overview(request=request, course=self))
        return context

    def serve(self, request, *args, **kwargs):
        from learning import views

        return views.course_serve(request, self, lambda r: super(CoursePage, self).serve(r))


class LessonPage(BasePage):
    lead = models.TextField(_("lead"), blank=True, max_length=400)
    body = StreamField(LessonBlock(), verbose_name=_("lesson"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["learning.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def quiz(self):
        """The lesson's quiz block value, or None."""
        for block in self.body:
            if block.block_type == "quiz":
                return block.value
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["mastery"] = MASTERY_PERCENT
        return context

    def serve(self, request, *args, **kwargs):
        # Answers to the quiz and "I have finished" are posted to the lesson itself, so
        # the feedback appears in place, without JavaScript.
        from learning import views

        return views.lesson_serve(request, self)
