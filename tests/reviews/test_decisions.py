import pytest
from django.core import mail
from django.urls import reverse

from portal.mail.wording import EDITABLE_MAILS
from portal.models import AuditEvent, MailBatch, OutboundMail
from portal.refusals import Refused
from portal.workflow import TransitionNotAllowed
from reviews.models import Decision
from reviews.services.decisions import (
    decision_set, decisions_preview, decisions_release, decisions_set_bulk,
)
from submissions.models import Submission
from tests import factories
from tests.reviews.reviewing_factories import assign, draft_review, submit_review

pytestmark = pytest.mark.django_db


def panel_url(panel, name):
    return reverse(name, kwargs={"conference": panel.conference.slug, "panel": panel.slug})


@pytest.fixture
def reviewed_paper(paper, reviewer, coauthor):
    """Two submitted reviews and a draft, each with comments to the authors and to the chairs."""
    submit_review(paper, reviewer, comments="The case selection needs a justification.",
                  confidential="I suspect this is a chapter of a thesis I examined.")
    colleague = assign(paper, full_name="Vera Second")
    submit_review(paper, colleague, comments="A clear and useful paper.", confidential="Accept it.")
    drafting = assign(paper, full_name="Walter Drafting")
    draft_review(paper, drafting, comments="Unfinished draft comment.")
    return paper


def test_a_chair_records_a_decision_with_a_note_and_nothing_is_sent(client, paper, chair,
                                                                   django_capture_on_commit_callbacks):
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:decide", kwargs={"code": paper.code}),
                               {"outcome": "revise", "note": "Please shorten section 2."})
    assert response.status_code == 302
    decision = Decision.objects.get(submission=paper)
    assert (decision.outcome, decision.note, decision.decided_by) == ("revise", "Please shorten section 2.", chair)
    assert not decision.is_released
    paper.refresh_from_db()
    assert paper.state == Submission.State.SUBMITTED
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="decision.set").exists()


def test_a_chair_sets_one_decision_for_many_papers_from_the_dashboard(client, panel, paper, chair):
    others = [factories.SubmissionFactory(panel=panel) for _ in range(3)]
    withdrawn = factories.SubmissionFactory(panel=panel, state=Submission.State.WITHDRAWN)
    client.force_login(chair)
    response = client.post(panel_url(panel, "reviews:decisions_bulk"), {
        "outcome": "reject", "papers": [str(p.code) for p in (paper, *others, withdrawn)],
        "next_query": "sort=-overall&topic=2",
    })
    assert response.status_code == 302
    assert response["Location"].endswith("/dashboard/?sort=-overall&topic=2")
    assert Decision.objects.filter(outcome="reject").count() == 4
    assert not Decision.objects.filter(submission=withdrawn).exists()


def test_bulk_decisions_leave_notes_and_papers_of_other_panels_alone(panel, paper, chair, other_chair):
    decision_set(submission=paper, outcome="accept", note="Keep this note.", by=chair)
    elsewhere = factories.SubmissionFactory()
    assert decisions_set_bulk(panel=panel, submissions=[paper, elsewhere], outcome="revise", by=chair) == (1, 1)
    assert Decision.objects.get(submission=paper).note == "Keep this note."
    assert not Decision.objects.filter(submission=elsewhere).exists()


def test_a_decision_can_be_cleared_until_it_is_released(paper, chair):
    decision_set(submission=paper, outcome="accept", by=chair)
    decision_set(submission=paper, outcome=None, by=chair)
    assert not Decision.objects.filter(submission=paper).exists()


def test_only_the_panels_chairs_decide(paper, reviewer, other_chair, author):
    for person in (reviewer, other_chair, author):
        with pytest.raises(Refused):
            decision_set(submission=paper, outcome="accept", by=person)


def test_the_preview_shows_each_author_exactly_the_mail_the_release_sends(
    client, reviewed_paper, panel, chair, author, coauthor, django_capture_on_commit_callbacks,
):
    decision_set(submission=reviewed_paper, outcome="accept", note="Congratulations.", by=chair)
    preview = decisions_preview(panel=panel)
    assert {previewed.mail.to_email for previewed in preview} == {author.email, coauthor.email}
    client.force_login(chair)
    page = client.get(panel_url(panel, "reviews:decisions_preview")).content.decode()
    assert "A clear and useful paper." in page and author.email in page
    assert OutboundMail.objects.count() == 0  # a preview sends nothing

    with django_capture_on_commit_callbacks(execute=True):
        assert decisions_release(panel=panel, by=chair).papers == 1

    sent = {row.to_email: row for row in OutboundMail.objects.filter(template="decision")}
    assert set(sent) == {author.email, coauthor.email}
    for previewed in preview:
        assert sent[previewed.mail.to_email].subject == previewed.mail.subject
        assert sent[previewed.mail.to_email].body_text == previewed.mail.body_text
        assert sent[previewed.mail.to_email].body_html == previewed.mail.body_html


def test_the_released_mail_holds_exactly_the_comments_to_the_authors(
    reviewed_paper, panel, chair, author, coauthor, django_capture_on_commit_callbacks,
):
    decision_set(submission=reviewed_paper, outcome="revise", note="Please shorten section 2.", by=chair)
    with django_capture_on_commit_callbacks(execute=True):
        decisions_release(panel=panel, by=chair)

    assert sorted(message.to[0] for message in mail.outbox) == sorted([author.email, coauthor.email])
    for message in mail.outbox:
        html = message.alternatives[0][0]
        for text in (message.body, html):
            assert "The case selection needs a justification." in text
            assert "A clear and useful paper." in text
            assert "Please shorten section 2." in text
            assert "accepted with revisions" in text
            for secret in ("I suspect this is a chapter", "Accept it.", "Unfinished draft comment.",
                           "Rita Reviewer", "Vera Second", "Walter Drafting", "reviewer@reviewing.example.org"):
                assert secret not in text
        assert message.body.count("Review ") == 2  # the two submitted reviews, unsigned
    assert "Dear Gilberto Rodrigues" in next(m.body for m in mail.outbox if m.to == [author.email])


def test_the_placeholders_promised_to_the_panel_wording_are_all_given(reviewed_paper, panel, chair):
    from reviews.services.decisions import decision_recipients, decisions_to_release

    decision_set(submission=reviewed_paper, outcome="accept", note="Well done.", by=chair)
    mails = decision_recipients(panel=panel, decisions=decisions_to_release(panel))
    placeholders = mails[0].context["placeholders"]
    assert set(placeholders) == {"author_name", "title", "decision", "note", "reviews", "panel_title",
                                 "conference_name", "submission_url"}
    assert set(placeholders) == set(EDITABLE_MAILS["decision"].placeholders)  # the mail module's contract
    reviews_text = str(placeholders["reviews"])
    assert "A clear and useful paper." in reviews_text and "Accept it." not in reviews_text
    assert str(placeholders["decision"]) == "accepted"
    assert placeholders["submission_url"].endswith(f"/reviews/paper/{reviewed_paper.code}/decision/")


def test_each_author_reads_the_decision_in_their_own_language(
    reviewed_paper, panel, chair, author, coauthor, django_capture_on_commit_callbacks,
):
    coauthor.language = "es"
    coauthor.save()
    factories.AuthorFactory(submission=reviewed_paper, name="No Account Yet", email="noaccount@example.org",
                            mail_language="pt-br")  # as the corresponding author chose for them
    factories.AuthorFactory(submission=reviewed_paper, name="Nor This One", email="nochoice@example.org")
    decision_set(submission=reviewed_paper, outcome="accept", by=chair)
    with django_capture_on_commit_callbacks(execute=True):
        decisions_release(panel=panel, by=chair)
    languages = dict(OutboundMail.objects.values_list("to_email", "language"))
    assert languages == {author.email: "en", coauthor.email: "es", "noaccount@example.org": "pt-br",
                         "nochoice@example.org": author.language}  # the submitter's, as on every receipt


def test_release_moves_each_paper_to_its_decision_state_once(panel, paper, chair, django_capture_on_commit_callbacks):
    accepted, rejected = paper, factories.SubmissionFactory(panel=panel)
    undecided = factories.SubmissionFactory(panel=panel)
    decision_set(submission=accepted, outcome="accept", by=chair)
    decision_set(submission=rejected, outcome="reject", by=chair)
    with django_capture_on_commit_callbacks(execute=True):
        assert decisions_release(panel=panel, by=chair).papers == 2
        assert decisions_release(panel=panel, by=chair).papers == 0  # nothing is sent twice
    states = dict(Submission.objects.values_list("pk", "state"))
    assert states[accepted.pk] == "accepted" and states[rejected.pk] == "rejected" and states[undecided.pk] == "submitted"
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action="submission.accepted", target_id=accepted.pk).exists()
    with pytest.raises(Refused):
        decision_set(submission=accepted, outcome="reject", by=chair)


def test_a_withdrawn_paper_is_never_released_as_decided(panel, paper, chair):
    decision_set(submission=paper, outcome="accept", by=chair)
    Submission.objects.filter(pk=paper.pk).update(state=Submission.State.WITHDRAWN)
    assert decisions_release(panel=panel, by=chair).papers == 0
    paper.refresh_from_db()
    assert paper.state == Submission.State.WITHDRAWN


def test_the_lifecycle_table_allows_no_decision_on_a_draft(panel, chair):
    from portal.workflow import transition
    from submissions.services import TRANSITIONS

    draft = factories.SubmissionFactory(panel=panel, state=Submission.State.DRAFT)
    with pytest.raises(TransitionNotAllowed):
        transition(draft, to=Submission.State.ACCEPTED, by=chair, allowed=TRANSITIONS)


def test_releasing_needs_the_confirmation_and_a_post(client, panel, paper, chair):
    decision_set(submission=paper, outcome="accept", by=chair)
    client.force_login(chair)
    url = panel_url(panel, "reviews:decisions_release")
    assert client.get(url).status_code == 405
    response = client.post(url, {})
    assert response.status_code == 302
    assert not Decision.objects.get(submission=paper).is_released
    response = client.post(url, {"confirm": "on"})
    assert Decision.objects.get(submission=paper).is_released
    # The chair follows the authors' mails as one batch.
    batch = MailBatch.objects.get(panel=panel, template="decision")
    assert response["Location"] == reverse("mail:batch", kwargs={"code": batch.code})
    assert batch.size == paper.authors.count()
    assert client.get(response["Location"]).status_code == 200


def test_the_decisions_pages_need_a_fixed_number_of_queries(client, panel, chair, django_assert_max_num_queries):
    for _ in range(8):
        paper = factories.SubmissionFactory(panel=panel)
        factories.AuthorFactory(submission=paper)
        decision_set(submission=paper, outcome="accept", by=chair)
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        assert client.get(panel_url(panel, "reviews:decisions")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(panel_url(panel, "reviews:decisions_preview")).status_code == 200


def test_the_plain_text_mail_prints_the_title_as_typed(panel, paper, chair, django_capture_on_commit_callbacks):
    paper.title = "Cities & networks <in> Brazil"
    paper.save()
    decision_set(submission=paper, outcome="reject", by=chair)
    with django_capture_on_commit_callbacks(execute=True):
        decisions_release(panel=panel, by=chair)
    assert "Cities & networks <in> Brazil" in mail.outbox[0].subject
    assert "Cities & networks <in> Brazil" in mail.outbox[0].body
    assert "Cities &amp; networks &lt;in&gt; Brazil" in mail.outbox[0].alternatives[0][0]


def test_the_panels_own_wording_is_previewed_and_sent_with_every_placeholder_filled(
    reviewed_paper, panel, chair, author, django_capture_on_commit_callbacks,
):
    from portal.models import MailTemplateOverride

    MailTemplateOverride.objects.create(
        panel=panel, template="decision", subject="{title}: {decision}",
        body="Dear {author_name}, {title} in {panel_title} ({conference_name}) was {decision}. {note}\n"
             "{reviews}\nSee {submission_url}",
    )
    decision_set(submission=reviewed_paper, outcome="accept", note="Well done.", by=chair)
    preview = {p.mail.to_email: p.mail for p in decisions_preview(panel=panel)}
    with django_capture_on_commit_callbacks(execute=True):
        decisions_release(panel=panel, by=chair)

    sent = next(m for m in mail.outbox if m.to == [author.email])
    assert sent.subject == f"{reviewed_paper.title}: accepted" == preview[author.email].subject
    assert sent.body.startswith(preview[author.email].body_text.split("\n")[0])
    assert "Dear Gilberto Rodrigues" in sent.body and "Well done." in sent.body
    assert "A clear and useful paper." in sent.body and "Accept it." not in sent.body
    assert f"/reviews/paper/{reviewed_paper.code}/decision/" in sent.body
    assert "{" not in sent.body
