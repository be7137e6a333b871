"""The conference and its calls: panels, their chairs, topics and the
languages papers may be written in."""

import zoneinfo
from functools import cached_property

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models.people import TIME_ZONE_CHOICES

ANYWHERE_ON_EARTH = "Etc/GMT+12"  # UTC-12; the IANA sign is inverted on purpose.


class PaperLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    SPANISH = "es", _("Spanish")
    FRENCH = "fr", _("French")


def default_paper_languages():
    return [PaperLanguage.ENGLISH, PaperLanguage.PORTUGUESE, PaperLanguage.SPANISH]


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
    languages = models.JSONField(
        _("languages"), default=default_paper_languages,
        help_text=_("The languages the conference works in: its calls may be written and its papers submitted in these."),
    )
    contact_email = models.EmailField(_("contact address"), blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ConferenceOrganiser", related_name="organised_conferences", blank=True,
    )

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


class PanelQuerySet(models.QuerySet):
    def open_for_submissions(self, now=None):
        now = now or timezone.now()
        return self.filter(state=Panel.State.OPEN, opens_at__lte=now, submission_deadline__gte=now)

    def published(self):
        """Calls the public may read: every state but the draft."""
        return self.exclude(state=Panel.State.DRAFT)


class Panel(models.Model):
    """A themed call for papers, one per panel of a conference."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call state", "draft")
        OPEN = "open", pgettext_lazy("call state", "open")
        CLOSED = "closed", pgettext_lazy("call state", "closed")
        ARCHIVED = "archived", pgettext_lazy("call state", "archived")

    class BlindMode(models.TextChoices):
        SINGLE = "single", _("single-blind: reviewers see the authors' names")
        DOUBLE = "double", _("double-blind: nobody sees the other side's names")
        OPEN = "open", _("open: authors and reviewers see each other's names")

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
    call_language = models.CharField(
        _("language of the call"), max_length=8, choices=PaperLanguage.choices, default=PaperLanguage.ENGLISH,
        help_text=_("The language the call's own text is written in; visitors whose language has no version read this one."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    accepted_published_at = models.DateTimeField(_("accepted papers published"), null=True, blank=True)

    opens_at = models.DateTimeField(_("submissions open"))
    abstract_deadline = models.DateTimeField(_("abstract deadline"), null=True, blank=True)
    submission_deadline = models.DateTimeField(_("full-paper deadline"))
    bidding_deadline = models.DateTimeField(_("bidding deadline"), null=True, blank=True)
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    decision_deadline = models.DateTimeField(_("decision deadline"), null=True, blank=True)
    camera_ready_deadline = models.DateTimeField(_("camera-ready deadline"), null=True, blank=True)

    abstract_min_words = models.PositiveIntegerField(_("abstract minimum words"), default=50)
    abstract_max_words = models.PositiveIntegerField(_("abstract maximum words"), default=300)
    keywords_min = models.PositiveIntegerField(_("minimum keywords"), default=3)
    keywords_max = models.PositiveIntegerField(_("maximum keywords"), default=8)
    pdf_max_mb = models.PositiveIntegerField(_("PDF size limit (MB)"), default=10)
    page_limit = models.PositiveIntegerField(_("page limit"), default=40)
    blind_mode = models.CharField(_("blind mode"), max_length=8, choices=BlindMode.choices, default=BlindMode.DOUBLE)
    coauthors_may_edit = models.BooleanField(
        _("co-authors may edit"), default=True,
        help_text=_("Co-authors with an account may edit the submission, not only the submitter."),
    )
    reviews_per_paper = models.PositiveSmallIntegerField(
        _("reviews per paper"), default=3, help_text=_("How many reviewers the assigner gives each paper."),
    )
    max_load = models.PositiveSmallIntegerField(
        _("maximum load"), default=12, help_text=_("The most papers the assigner gives one reviewer."),
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
    def double_blind(self) -> bool:
        """Reviewers must not learn who wrote the paper."""
        return self.blind_mode == self.BlindMode.DOUBLE

    @double_blind.setter
    def double_blind(self, value: bool) -> None:
        self.blind_mode = self.BlindMode.DOUBLE if value else self.BlindMode.SINGLE

    @property
    def is_published(self) -> bool:
        """The public may read the call (any state but the draft)."""
        return self.state != self.State.DRAFT

    @is_published.setter
    def is_published(self, value: bool) -> None:
        if not value:
            self.state = self.State.DRAFT
        elif self.state == self.State.DRAFT:
            self.state = self.State.OPEN

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
    retired = models.BooleanField(
        _("retired"), default=False,
        help_text=_("A retired topic is offered to no new paper; the papers that chose it keep their choice."),
    )

    class Meta:
        ordering = ["panel", "number"]
        constraints = [models.UniqueConstraint(fields=["panel", "number"], name="topic_number_unique_per_panel")]

    def __str__(self):
        return f"{self.number}. {self.text}"

    @cached_property
    def short_text(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:87].rstrip() + "…"


class CallText(models.Model):
    """The call's title and text in one more language than its own."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=PaperLanguage.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("text of the call"))

    class Meta:
        ordering = ["panel", "language"]
        constraints = [models.UniqueConstraint(fields=["panel", "language"], name="call_text_unique_per_language")]

    def __str__(self):
        return f"{self.panel} ({self.language})"
