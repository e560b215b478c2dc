from learning.models.ambassadors import AmbassadorProfile, Enrolment, ResidentialGroup, Visit
from learning.models.campaigns import Campaign, CampaignTarget
from learning.models.pages import CourseIndexPage, CoursePage, LessonPage
from learning.models.records import Certificate, LessonProgress

__all__ = [
    "AmbassadorProfile",
    "Campaign",
    "CampaignTarget",
    "Certificate",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ResidentialGroup",
    "Visit",
]
