"""StreamField blocks of a lesson: numbered steps with screenshots, "be careful" callouts,
a video with captions, a downloadable guide and a quiz graded on the server.

Steps, callouts, headings and downloads are core's shared blocks (the same markup as
every content page); the video and the quiz are the lesson's own.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from core.blocks import (
    RICH_TEXT_FEATURES,
    CalloutBlock,
    DocumentBlock,
    FigureBlock,
    HeadingBlock,
    StepsBlock,
)


class VideoBlock(blocks.StructBlock):
    """A video from YouTube or similar, always with a written version beside it: many
    learners watch without sound or cannot hear it."""

    video = EmbedBlock(label=_("video address"), help_text=_("e.g. a YouTube link"))
    title = blocks.CharBlock(label=_("title"), max_length=160)
    captions = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("captions or transcript"),
        help_text=_("Everything said in the video, for people who cannot hear it."),
    )

    class Meta:
        icon = "media"
        label = _("Video with captions")
        template = "learning/blocks/video_block.html"


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"), max_length=200)
    is_correct = blocks.BooleanBlock(label=_("correct answer"), required=False)


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("answers"), min_num=2, max_num=6)
    explanation = blocks.TextBlock(
        label=_("explanation"),
        max_length=500,
        help_text=_("Shown after answering: why the right answer is right."),
    )

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for choice in value["choices"] if choice["is_correct"]) != 1:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "choices": blocks.BlockValidationError(_("Mark exactly one correct answer."))
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    """Questions answered on the page; the server grades them from the stored answers,
    never from anything the browser sends besides the chosen answer ids."""

    title = blocks.CharBlock(label=_("title"), max_length=120, default=_("Check what you learnt"))
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"), min_num=1, max_num=10)

    class Meta:
        icon = "help"
        label = _("Quiz")
        template = "learning/blocks/quiz_block.html"


class LessonBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Paragraph"),
        template="blocks/paragraph_block.html",
    )
    steps = StepsBlock()
    callout = CalloutBlock()
    figure = FigureBlock()
    video = VideoBlock()
    guide = DocumentBlock(label=_("Downloadable guide"))
    quiz = QuizBlock()

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}
