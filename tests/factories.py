"""Test data that reads like the portal's people and papers."""

import datetime
import hashlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.models import Conference, Panel, PanelChair, Topic, User
from reviews.models import Assignment, Conflict, PanelReviewer
from submissions.models import Author, PaperFile, Submission
from tests.pdfs import make_pdf

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@university{n}.example.edu")
    full_name = factory.Faker("name")
    affiliation = factory.Sequence(lambda n: f"University number {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Every factory user has a verified primary address unless verified=False."""
        if not create:
            return
        user.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=user.email,
            defaults={"verified": extracted is not False, "primary": True},
        )


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference
        django_get_or_create = ["slug"]

    name = "International Studies Conference"
    short_name = "ISC"
    slug = factory.Sequence(lambda n: f"isc-{n}")
    venue = "São Paulo, Brazil"


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel

    conference = factory.SubFactory(ConferenceFactory)
    slug = factory.Sequence(lambda n: f"panel-{n}")
    title = factory.Sequence(lambda n: f"Panel {n} on peace operations")
    description = "A panel on how security practices travel between countries."
    state = Panel.State.OPEN
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    review_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=60))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    panel = factory.SubFactory(PanelFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Question {n} about the diffusion of security practices?")


class PanelChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelChair

    panel = factory.SubFactory(PanelFactory)
    user = factory.SubFactory(UserFactory)


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission
        skip_postgeneration_save = True

    panel = factory.SubFactory(PanelFactory)
    number = factory.Sequence(lambda n: n + 1)
    state = Submission.State.SUBMITTED
    title = factory.Sequence(lambda n: f"Paradiplomacy and city networks, part {n}")
    abstract = factory.Faker("paragraph", nb_sentences=8)
    keywords = factory.LazyFunction(lambda: ["paradiplomacy", "security policy", "city networks"])
    language = "en"
    created_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_submitter_as_author(submission, create, extracted, **kwargs):
        """The submitter is the first and corresponding author, unless told otherwise."""
        if create and extracted is not False:
            user = submission.created_by
            Author.objects.create(
                submission=submission, position=1, name=user.display_name, email=user.email,
                affiliation=user.affiliation, is_corresponding=True,
            )


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    submission = factory.SubFactory(SubmissionFactory)
    position = factory.Sequence(lambda n: n + 2)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"coauthor{n}@institute{n}.example.org")
    affiliation = factory.Sequence(lambda n: f"Institute number {n}")


class PaperFileFactory(factory.django.DjangoModelFactory):
    """A stored version of a paper: a real one-page PDF, its checksum and size."""

    class Meta:
        model = PaperFile

    class Params:
        content = factory.LazyFunction(make_pdf)

    submission = factory.SubFactory(SubmissionFactory)
    kind = PaperFile.Kind.PAPER
    version = factory.LazyAttribute(
        lambda paper: PaperFile.objects.filter(submission=paper.submission, kind=paper.kind).count() + 1
    )
    file = factory.LazyAttribute(lambda paper: ContentFile(paper.content, name="paper.pdf"))
    original_name = "paper.pdf"
    size = factory.LazyAttribute(lambda paper: len(paper.content))
    sha256 = factory.LazyAttribute(lambda paper: hashlib.sha256(paper.content).hexdigest())
    pages = 1
    uploaded_by = factory.LazyAttribute(lambda paper: paper.submission.created_by)


class PanelReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelReviewer

    panel = factory.SubFactory(PanelFactory)
    user = factory.SubFactory(UserFactory)


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    submission = factory.SubFactory(SubmissionFactory)
    reviewer = factory.SubFactory(UserFactory)
    source = Conflict.Source.REVIEWER_DECLARED


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    submission = factory.SubFactory(SubmissionFactory)
    reviewer = factory.SubFactory(UserFactory)
