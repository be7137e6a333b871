"""Every notification the portal sends, beyond the journeys' (the receipt, the
co-author's notice, the decision, allauth's mails), reaches a recipient whose
profile is in Portuguese or Spanish with no English interface string."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from portal.models import OutboundMail, User
from reviews.models import Decision, DiscussionComment, Review
from reviews.services.assignment import assignment_add
from reviews.services.decisions import decision_set
from reviews.services.discussion import discussion_post
from reviews.services.pool import Invitee, invitations_send
from reviews.services.reminders import reminders_send_late
from submissions.messaging import panel_authors_message
from submissions.models import Author, Submission
from submissions.services import submission_withdraw
from tests.factories import PaperFileFactory, UserFactory
from tests.i18n.english import BROWSERS, Reader
from tests.reviews.reviewing_factories import submit_review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", list(BROWSERS))
def test_every_notification_reaches_a_portuguese_or_spanish_reader_in_their_language(
    language, panel, paper, author, coauthor, reviewer, unassigned_reviewer, chair, django_capture_on_commit_callbacks,
):
    invitee = UserFactory(email="invited@example.org", full_name="Irene Invitada")
    for person in (invitee, author, coauthor, reviewer, unassigned_reviewer, chair):
        person.language = language
        person.save(update_fields=["language"])
    PaperFileFactory(submission=paper)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(panel=panel, invitees=[Invitee(name=invitee.full_name, email=invitee.email)], by=chair)
        assignment_add(submission=paper, reviewer=unassigned_reviewer, by=chair)
        reminders_send_late(panel=panel, by=chair)
        submit_review(paper, reviewer, comments="A careful comparative study.")
        discussion_post(submission=paper, by=chair, body="Could the two of you agree on the method?")
        panel_authors_message(panel=panel, by=chair, states=[Submission.State.SUBMITTED],
                              subject="Programme of the panel", body="Dear {author_name}, the programme is out.")
        submission_withdraw(submission=paper, by=author)
    templates = set(OutboundMail.objects.values_list("template", flat=True))
    assert templates >= {"reviewer_invitation", "reviewer_assignment", "review_reminder", "discussion_comment",
                         "panel_message", "submission_receipt"}

    reader = Reader(language)
    reader.knows(panel, panel.conference, *panel.topics.all(), paper, *Author.objects.all(), *User.objects.all(),
                 *Review.objects.all(), *DiscussionComment.objects.all())
    reader.content += ["Programme of the panel", "Dear", "the programme is out."]  # the chair's own words
    for message in mail.outbox:
        reader.mail(message, f"{message.subject} to {message.to[0]}")
    reader.assert_no_english()
    assert len(mail.outbox) >= 7


def test_each_author_reads_the_decision_in_their_own_language_whatever_the_chairs(
    panel, paper, author, coauthor, chair, reviewer, client, django_capture_on_commit_callbacks,
):
    for person, language in ((chair, "en"), (author, "pt-br"), (coauthor, "es")):
        person.language = language
        person.save(update_fields=["language"])
    submit_review(paper, reviewer, comments="The case selection needs a justification.")
    decision_set(submission=paper, outcome="revise", note="Please shorten section 2.", by=chair)
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:decisions_release", kwargs={"conference": panel.conference.slug,
                                                                 "panel": panel.slug}), {"confirm": "on"})
    for person, language in ((author, "pt-br"), (coauthor, "es")):
        (message,) = [message for message in mail.outbox if message.to == [person.email]]
        reader = Reader(language)
        reader.knows(panel, panel.conference, paper, *Author.objects.all(), *User.objects.all(),
                     *Review.objects.all(), *Decision.objects.all())
        reader.mail(message, f"decision mail to {person.email}")
        reader.assert_no_english()
    assert "aceito com revisões" in next(m.body for m in mail.outbox if m.to == [author.email])


@pytest.mark.parametrize("language", list(BROWSERS))
def test_the_reminder_to_authors_of_a_draft_has_no_english_left(
    language, paper, author, coauthor, django_capture_on_commit_callbacks,
):
    from submissions.reminders import draft_reminders_send_due

    paper.state, paper.submitted_at = Submission.State.DRAFT, None
    paper.save()
    User.objects.update(language=language)
    with django_capture_on_commit_callbacks(execute=True):
        draft_reminders_send_due(now=paper.panel.submission_deadline - datetime.timedelta(hours=5))
    assert len(mail.outbox) == 2
    reader = Reader(language)
    reader.knows(paper.panel, paper.panel.conference, paper, *Author.objects.all(), *User.objects.all())
    for message in mail.outbox:
        reader.mail(message, f"draft reminder to {message.to[0]}")
    reader.assert_no_english()


# Each kind of mail the portal writes, and the test above or in test_no_english.py that reads it in both languages.
MAIL_KINDS_READ = {
    "reviewer_invitation": "test_every_notification_reaches_…", "reviewer_assignment": "test_every_notification_…",
    "review_reminder": "test_every_notification_…", "discussion_comment": "test_every_notification_…",
    "panel_message": "test_every_notification_…", "submission_receipt": "test_every_notification_…",
    "decision": "test_each_author_reads_the_decision_in_their_own_language_whatever_the_chairs",
    "submission_coauthor_added": "test_no_english.test_the_authors_journey_has_no_english_left",
    "draft_reminder": "test_the_reminder_to_authors_of_a_draft_has_no_english_left",
}


def test_every_kind_of_mail_is_read_in_both_languages():
    kinds = {path.name.removesuffix(".subject.txt")
             for path in (Path(settings.BASE_DIR) / "templates" / "mail").glob("*.subject.txt")}
    assert kinds == set(MAIL_KINDS_READ), "a new kind of mail needs a test here that reads it in pt-BR and es"
