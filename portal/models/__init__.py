"""What every part of the portal shares: people, the conference and its calls,
the audit trail, and the mail outbox."""

import uuid
import zoneinfo
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.validators import normalise_orcid, validate_orcid

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]
ANYWHERE_ON_EARTH = "Etc/GMT+12"  # UTC-12; the IANA sign is inverted on purpose.


class PaperLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    SPANISH = "es", _("Spanish")
    FRENCH = "fr", _("French")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. The email address is the login; the profile
    fields live here so every page can show a name without another join."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"), max_length=200, blank=True,
        help_text=_("Your name as it should appear on a paper."),
    )
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid],
        help_text=_("For example 0000-0002-1825-0097."),
    )
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en",
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC",
        help_text=_("Deadlines and times are shown to you in this time zone."),
    )
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        self.orcid = normalise_orcid(self.orcid) if self.orcid else ""

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


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


class AuditEvent(models.Model):
    """Who changed what, when: one row per state change or sensitive action."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    action = models.CharField(max_length=60)
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class OutboundMail(models.Model):
    """One notification mail: written in the transaction of the change it
    reports, delivered by a Celery task, never deleted (portal.mail)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    to_email = models.EmailField(_("recipient"))
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    language = models.CharField(max_length=10, default="en")
    template = models.CharField(max_length=100)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    related_id = models.PositiveBigIntegerField(null=True, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    batch = models.ForeignKey("MailBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="mails")

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When a worker should next take the row: its creation, or the end of a
    # retry's backoff. The sweeper hands over rows long past it.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "created_at"], name="outbox_state_idx"),
            models.Index(
                fields=["next_attempt_at"], name="outbox_waiting_idx",
                condition=models.Q(state__in=["queued", "sending"]),
            ),
            models.Index(fields=["batch", "state"], name="outbox_batch_idx"),
            models.Index(fields=["panel", "state"], name="outbox_panel_idx"),
            models.Index(fields=["related_type", "related_id"], name="outbox_related_idx"),
            models.Index(fields=["to_email"], name="outbox_recipient_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.template} to {self.to_email} ({self.state})"

    @property
    def message_id(self) -> str:
        """Fixed per row, so a repeat after a crash can be traced."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
        return f"<{self.code}@{domain}>"


class MailBatch(models.Model):
    """Mail sent to many at once (a chair's message, decisions, reminders):
    one outbox row per recipient, followed together on one page."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    panel = models.ForeignKey(Panel, null=True, blank=True, on_delete=models.PROTECT, related_name="mail_batches")
    template = models.CharField(max_length=100)
    description = models.CharField(_("description"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    size = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("mail batch")
        verbose_name_plural = _("mail batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.description


class MailTemplateOverride(models.Model):
    """A panel's own wording of one of the mails chairs may edit
    (portal.mail.wording.EDITABLE_MAILS): plain text with {placeholders}."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="mail_overrides")
    template = models.CharField(_("mail"), max_length=100)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("panel mail wording")
        verbose_name_plural = _("panel mail wordings")
        constraints = [
            models.UniqueConstraint(fields=["panel", "template"], name="mail_override_once_per_panel"),
        ]

    def __str__(self):
        return f"{self.template} ({self.panel})"
