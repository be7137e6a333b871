"""The conference and its calls: panels, their chairs, topics and the
languages papers may be written in."""

import zoneinfo
from functools import cached_property

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.people import TIME_ZONE_CHOICES

ANYWHERE_ON_EARTH = "Etc/GMT+12"  # UTC-12; the IANA sign is inverted on purpose.


class PaperLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    SPANISH = "es", _("Spanish")
    FRENCH = "fr", _("French")


class Conference(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40)
    slug = models.SlugField(_("slug"), unique=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    time_zone = models.CharField(
        _("deadline time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default=ANYWHERE_ON_EARTH,
        help_text=_("Deadlines are read in this time zone. The default is Anywhere on Earth (UTC-12)."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self):
        return self.short_name or self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        if self.time_zone == ANYWHERE_ON_EARTH:
            return _("Anywhere on Earth (UTC-12)")
        return self.time_zone


def default_paper_languages():
    return [PaperLanguage.ENGLISH, PaperLanguage.PORTUGUESE, PaperLanguage.SPANISH]


class PanelQuerySet(models.QuerySet):
    def open_for_submissions(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, submission_deadline__gte=now)

    def published(self):
        return self.filter(is_published=True)


class Panel(models.Model):
    """A themed call for papers, one per panel of a conference."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="panels")
    slug = models.SlugField(_("slug"), max_length=120)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    references = models.TextField(_("references"), blank=True)
    other_questions_welcome = models.BooleanField(
        _("other related questions welcome"), default=True,
        help_text=_("Papers may address a related question not in the list of topics."),
    )
    languages = models.JSONField(_("languages papers may be written in"), default=default_paper_languages)
    is_published = models.BooleanField(_("published"), default=True)

    opens_at = models.DateTimeField(_("submissions open"))
    abstract_deadline = models.DateTimeField(_("abstract deadline"), null=True, blank=True)
    submission_deadline = models.DateTimeField(_("full-paper deadline"))
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    camera_ready_deadline = models.DateTimeField(_("camera-ready deadline"), null=True, blank=True)

    abstract_min_words = models.PositiveIntegerField(_("abstract minimum words"), default=50)
    abstract_max_words = models.PositiveIntegerField(_("abstract maximum words"), default=300)
    keywords_min = models.PositiveIntegerField(_("minimum keywords"), default=3)
    keywords_max = models.PositiveIntegerField(_("maximum keywords"), default=8)
    pdf_max_mb = models.PositiveIntegerField(_("PDF size limit (MB)"), default=10)
    page_limit = models.PositiveIntegerField(_("page limit"), default=40)
    double_blind = models.BooleanField(_("double-blind review"), default=True)
    coauthors_may_edit = models.BooleanField(
        _("co-authors may edit"), default=True,
        help_text=_("Co-authors with an account may edit the submission, not only the submitter."),
    )

    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="PanelChair", related_name="chaired_panels", blank=True,
    )

    objects = PanelQuerySet.as_manager()

    class Meta:
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        ordering = ["conference", "title"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "slug"], name="panel_slug_unique_per_conference"),
            models.CheckConstraint(
                condition=models.Q(abstract_min_words__lte=models.F("abstract_max_words")),
                name="panel_abstract_word_bounds",
            ),
            models.CheckConstraint(
                condition=models.Q(keywords_min__lte=models.F("keywords_max")),
                name="panel_keyword_bounds",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("call", kwargs={"conference_slug": self.conference.slug, "panel_slug": self.slug})

    @property
    def pdf_max_bytes(self) -> int:
        return self.pdf_max_mb * 1024 * 1024

    def language_labels(self) -> list[str]:
        labels = dict(PaperLanguage.choices)
        return [labels.get(code, code) for code in self.languages]


class PanelChair(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="panel_chairs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    affiliation = models.CharField(
        _("affiliation shown on the call"), max_length=300, blank=True,
        help_text=_("Left empty, the chair's profile affiliation is shown."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["panel", "user"], name="panel_chair_unique")]

    def __str__(self):
        return f"{self.user} ({self.panel})"

    @property
    def public_affiliation(self) -> str:
        return self.affiliation or self.user.affiliation


class Topic(models.Model):
    """One of the numbered questions a call invites papers on."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="topics")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"))

    class Meta:
        ordering = ["panel", "number"]
        constraints = [models.UniqueConstraint(fields=["panel", "number"], name="topic_number_unique_per_panel")]

    def __str__(self):
        return f"{self.number}. {self.text}"

    @cached_property
    def short_text(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:87].rstrip() + "…"
