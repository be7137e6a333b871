import pytest
from django.core import mail
from django.urls import reverse

from portal.refusals import Refused
from reviews.models import DiscussionComment
from reviews.services.discussion import discussion_post
from tests.reviews.reviewing_factories import assign, submit_review

pytestmark = pytest.mark.django_db


def discussion_url(paper, name="reviews:discussion"):
    return reverse(name, kwargs={"code": paper.code})


def test_a_reviewer_who_has_reviewed_posts_and_the_other_participants_are_mailed(
    client, paper, reviewer, chair, django_capture_on_commit_callbacks,
):
    colleague = assign(paper, full_name="Vera Second", email="vera@reviewers.example.org")
    waiting = assign(paper, full_name="Walter Waiting", email="walter@reviewers.example.org")
    submit_review(paper, reviewer)
    submit_review(paper, colleague)
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(discussion_url(paper, "reviews:discussion_post"),
                               {"body": "I think the method section is too long."})

    assert response.status_code == 302
    assert DiscussionComment.objects.get(submission=paper).author == reviewer
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {chair.email, colleague.email}  # not the poster, not a reviewer still reviewing
    to_chair = next(m for m in mail.outbox if chair.email in m.to)
    to_colleague = next(m for m in mail.outbox if colleague.email in m.to)
    assert "Rita Reviewer" in to_chair.body  # the chairs know who said what
    assert "Rita Reviewer" not in to_colleague.body and "Reviewer 1" in to_colleague.body
    assert "I think the method section is too long." in to_colleague.body
    assert waiting.email not in recipients


def test_the_thread_names_reviewers_by_number_for_reviewers_and_by_name_for_chairs(client, paper, reviewer, chair):
    colleague = assign(paper, full_name="Vera Second")
    submit_review(paper, reviewer)
    submit_review(paper, colleague)
    discussion_post(submission=paper, by=colleague, body="Agreed, accept.")
    discussion_post(submission=paper, by=chair, body="Thanks, both.")

    client.force_login(reviewer)
    body = client.get(discussion_url(paper)).content.decode()
    assert "Agreed, accept." in body and "Reviewer 2" in body and "Vera Second" not in body
    assert "Samuel Chair" not in body and "Chair" in body

    client.force_login(chair)
    body = client.get(discussion_url(paper)).content.decode()
    assert "Vera Second" in body and "Samuel Chair" in body


def test_authors_and_reviewers_who_have_not_reviewed_cannot_join(paper, author, reviewer, unassigned_reviewer):
    for person in (author, reviewer, unassigned_reviewer):
        with pytest.raises(Refused):
            discussion_post(submission=paper, by=person, body="Hello")
    assert not DiscussionComment.objects.exists()


def test_an_empty_comment_is_refused_next_to_its_field(client, paper, chair):
    client.force_login(chair)
    response = client.post(discussion_url(paper, "reviews:discussion_post"), {"body": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not DiscussionComment.objects.exists()
