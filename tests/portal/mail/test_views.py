"""Staff see the whole outbox; chairs follow a batch and send its failed mails again."""

import pytest
from django.core import mail as sent_mail
from django.urls import reverse

from portal.models import MailBatch, OutboundMail
from tests.factories import PanelFactory

pytestmark = pytest.mark.django_db
State = OutboundMail.State


def outbox_row(**fields):
    defaults = {"to_email": "someone@example.org", "template": "decision", "subject": "A subject", "body_text": "Text"}
    return OutboundMail.objects.create(**{**defaults, **fields})


def test_staff_filter_the_outbox_by_state_recipient_and_panel(client, staff, panel):
    other_panel = PanelFactory()
    outbox_row(to_email="ana@example.org", panel=panel, state=State.FAILED, last_error="SMTPDataError: 554 no")
    outbox_row(to_email="ana@example.org", panel=other_panel, state=State.SENT, sent_at="2026-01-01T00:00Z")
    outbox_row(to_email="bruno@example.org", panel=panel)
    client.force_login(staff)
    url = reverse("mail:outbox")

    def shown(**query):
        return sorted((row.to_email, row.state) for row in client.get(url, query).context["page"].object_list)

    assert len(shown()) == 3
    assert shown(state="failed") == [("ana@example.org", "failed")]
    assert shown(recipient="ANA@") == [("ana@example.org", "failed"), ("ana@example.org", "sent")]
    assert shown(panel=panel.pk, recipient="ana") == [("ana@example.org", "failed")]


def test_the_outbox_page_reads_the_same_few_queries_whatever_its_size(client, staff, panel,
                                                                       django_assert_max_num_queries):
    for n in range(60):
        outbox_row(to_email=f"p{n}@example.org", panel=panel)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("mail:outbox"))
    assert len(response.context["page"].object_list) == 50


def test_staff_read_one_mail_with_its_message_id(client, staff):
    row = outbox_row(body_text="The whole text of the mail")
    client.force_login(staff)
    page = client.get(reverse("mail:outbox_row", kwargs={"code": row.code})).content.decode()
    assert "The whole text of the mail" in page and row.message_id.strip("<>") in page


def a_batch(panel, chair, states):
    batch = MailBatch.objects.create(panel=panel, template="panel_message", description="News", created_by=chair,
                                     size=len(states))
    for n, state in enumerate(states):
        outbox_row(to_email=f"author{n}@example.org", panel=panel, batch=batch, state=state, attempts=1,
                   last_error="SMTPRecipientsRefused: 550" if state == State.FAILED else "",
                   sent_at="2026-01-01T00:00Z" if state == State.SENT else None)
    return batch


def test_a_chair_follows_the_progress_of_a_batch(client, chair, panel, django_assert_max_num_queries):
    batch = a_batch(panel, chair, [State.SENT] * 3 + [State.QUEUED] + [State.FAILED] * 2)
    client.force_login(chair)
    url = reverse("mail:batch", kwargs={"code": batch.code})
    with django_assert_max_num_queries(10):
        response = client.get(url)
    progress = response.context["progress"]
    assert progress["counts"] == {"queued": 1, "sending": 0, "sent": 3, "failed": 2}
    assert not progress["finished"]
    assert "3 of 6 sent" in response.content.decode()
    assert [row.state for row in client.get(url, {"state": "failed"}).context["page"].object_list] == ["failed"] * 2
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert partial.templates[0].name == "portal/mail/_batch_progress.html"


def test_a_chair_sends_the_failed_mails_of_a_batch_again(client, chair, panel, django_capture_on_commit_callbacks):
    batch = a_batch(panel, chair, [State.SENT, State.FAILED, State.FAILED])
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mail:batch_resend", kwargs={"code": batch.code}))
    assert response.status_code == 302
    assert sorted(batch.mails.values_list("state", flat=True)) == ["sent"] * 3
    assert sorted(message.to[0] for message in sent_mail.outbox) == ["author1@example.org", "author2@example.org"]


def test_a_chair_of_another_panel_cannot_follow_the_batch(client, chair, other_chair, panel):
    batch = a_batch(panel, chair, [State.SENT])
    client.force_login(other_chair)
    assert client.get(reverse("mail:batch", kwargs={"code": batch.code})).status_code == 403


@pytest.mark.parametrize("name, kwargs", [
    ("mail:batch_resend", lambda panel, batch: {"code": batch.code}),
    ("mail:panel_wording_restore", lambda panel, batch: {
        "conference_slug": panel.conference.slug, "panel_slug": panel.slug, "template": "decision"}),
])
def test_a_change_page_asks_a_visitor_to_log_in_and_refuses_a_get_from_a_chair(client, chair, panel, name, kwargs):
    url = reverse(name, kwargs=kwargs(panel, a_batch(panel, chair, [State.FAILED])))
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(chair)
    assert client.get(url).status_code == 405
