"""A chair writes to every author of a panel: previewed per recipient, sent as
one mail per author, never to a reviewer."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.mail.queue import Recipient, mail_queue_bulk
from portal.models import MailBatch, MailTemplateOverride, OutboundMail
from portal.refusals import Refused
from reviews.models import PanelReviewer
from submissions.messaging import panel_authors_message
from submissions.models import Submission
from tests.factories import AuthorFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = {"subject": "About “{title}”", "body": "Dear {author_name},\n\nThe programme of {panel_title} is out.",
           "states": ["submitted"]}


def url(panel):
    return reverse("submissions:message_authors", kwargs={
        "conference_slug": panel.conference.slug, "panel_slug": panel.slug})


def preview_then_send(client, panel, message=MESSAGE):
    preview = client.post(url(panel), {**message, "action": "preview"})
    previewed = preview.context["form"]["previewed"].value()
    return preview, client.post(url(panel), {**message, "previewed": previewed, "action": "send"})


def test_a_chair_previews_every_authors_copy_then_each_author_gets_a_mail_of_their_own(
    client, chair, panel, paper, author, coauthor, other_author, reviewer, conflicted_reviewer, unassigned_reviewer,
    django_capture_on_commit_callbacks,
):
    assert panel.double_blind
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        preview, sent = preview_then_send(client, panel)

    copies = {copy.to_email: copy for copy in preview.context["previews"]}
    assert preview.context["count"] == 3
    assert copies[coauthor.email].subject == f"About “{paper.title}”"
    assert f"Dear {coauthor.full_name}," in copies[coauthor.email].body_text
    assert not OutboundMail.objects.filter(template="panel_message").exclude(batch__isnull=False).exists()

    batch = MailBatch.objects.get()
    assert sent["Location"] == reverse("mail:batch", kwargs={"code": batch.code})
    assert batch.size == 3 and batch.created_by == chair
    # One mail per author, each addressed to that author alone.
    assert sorted(tuple(message.to) for message in mail.outbox) == sorted(
        [(author.email,), (coauthor.email,), (other_author.email,)])
    assert all(not message.cc and not message.bcc for message in mail.outbox)
    reviewers = {reviewer.email, conflicted_reviewer.email, unassigned_reviewer.email, chair.email}
    assert not reviewers & {address for message in mail.outbox for address in message.recipients()}
    other_copy = next(message for message in mail.outbox if message.to == [other_author.email])
    assert paper.title not in other_copy.body and author.full_name not in other_copy.body


def test_a_mail_to_the_reviewers_of_a_double_blind_panel_never_reaches_its_authors_nor_names_them(
    panel, paper, author, coauthor, reviewer, conflicted_reviewer, unassigned_reviewer, chair,
    django_capture_on_commit_callbacks,
):
    MailTemplateOverride.objects.create(panel=panel, template="reviewer_invitation", subject="{panel_title}",
                                        body="Dear {name}, please answer: {accept_url}")
    pool = PanelReviewer.objects.filter(panel=panel).select_related("user")
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue_bulk(template="reviewer_invitation", panel=panel, by=chair, description="Reminder", recipients=[
            Recipient(to=member.user, context={"placeholders": {
                "name": member.user.display_name, "panel_title": panel.title, "accept_url": "https://x.example/a",
            }}) for member in pool
        ])
    delivered = [address for message in mail.outbox for address in message.recipients()]
    assert sorted(delivered) == sorted([reviewer.email, conflicted_reviewer.email, unassigned_reviewer.email])
    for message in mail.outbox:
        assert len(message.recipients()) == 1
        for secret in (author.full_name, coauthor.full_name, author.email, paper.title):
            assert secret not in message.body and secret not in message.alternatives[0][0]


def test_authors_of_drafts_and_withdrawn_papers_are_written_to_only_when_chosen(client, chair, panel, paper):
    SubmissionFactory(panel=panel, state=Submission.State.DRAFT, submitted_at=None,
                      created_by=UserFactory(email="drafting@example.org"))
    SubmissionFactory(panel=panel, state=Submission.State.WITHDRAWN, created_by=UserFactory(email="gone@example.org"))
    client.force_login(chair)
    preview = client.post(url(panel), {**MESSAGE, "action": "preview"})
    assert {copy.to_email for copy in preview.context["previews"]} == {paper.created_by.email}
    preview = client.post(url(panel), {**MESSAGE, "states": ["draft", "withdrawn"], "action": "preview"})
    assert {copy.to_email for copy in preview.context["previews"]} == {"drafting@example.org", "gone@example.org"}


def test_a_message_changed_after_its_preview_is_not_sent(client, chair, panel, paper):
    client.force_login(chair)
    preview = client.post(url(panel), {**MESSAGE, "action": "preview"})
    previewed = preview.context["form"]["previewed"].value()
    response = client.post(url(panel), {**MESSAGE, "body": "Changed", "previewed": previewed, "action": "send"})
    assert response.status_code == 200 and not MailBatch.objects.exists()


def test_an_unknown_placeholder_is_named_and_the_message_kept(client, chair, panel, paper):
    client.force_login(chair)
    response = client.post(url(panel), {**MESSAGE, "body": "Dear {reviewer_name}", "action": "preview"})
    assert "{reviewer_name}" in " ".join(response.context["form"].errors["body"])
    assert "Dear {reviewer_name}" in response.content.decode()


def test_the_preview_reads_the_same_few_queries_however_many_authors(client, chair, panel,
                                                                      django_assert_max_num_queries):
    for n in range(25):
        paper = SubmissionFactory(panel=panel, created_by=UserFactory(email=f"first{n}@example.org"))
        AuthorFactory(submission=paper, email=f"second{n}@example.org")
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.post(url(panel), {**MESSAGE, "action": "preview"})
    assert response.context["count"] == 50


@pytest.mark.parametrize("who", ["other_chair", "author", "staff"])
def test_only_the_panels_chairs_may_write_to_its_authors(request, panel, paper, who):
    with pytest.raises(Refused, match="Only the chairs of this panel"):
        panel_authors_message(panel=panel, by=request.getfixturevalue(who), subject="News", body="Dear {author_name}",
                              states=["submitted"])
    assert not MailBatch.objects.exists() and not OutboundMail.objects.filter(template="panel_message").exists()
