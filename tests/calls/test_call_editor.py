"""Chairs write their call: text, topics, deadlines, rules, states."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from calls.services.call import (
    call_move, call_text_save, call_translation_save, topic_add, topic_move, topic_retire,
)
from calls.services.deadlines import deadlines_save
from calls.services.rules import ConfirmationNeeded, rules_save
from portal.models import AuditEvent, CallText, OutboundMail, Panel, Topic
from portal.refusals import Refused
from submissions.forms.paper import SubmissionForm
from submissions.models import Author, Submission
from tests import factories


def kwargs(panel):
    return {"conference": panel.conference.slug, "panel": panel.slug}


def local(panel, text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=panel.conference.zone)


def test_a_chair_cannot_touch_another_panel(draft, conference, olga):
    other = factories.UserFactory()
    with pytest.raises(Refused):
        call_text_save(panel=draft, by=other, description="Mine now")
    with pytest.raises(Refused):
        call_text_save(panel=draft, by=olga, description="Organisers do not write calls")


def test_markdown_with_a_script_or_an_event_handler_is_refused_next_to_the_field(client, draft, samuel):
    client.force_login(samuel)
    for text in ("Hello <script>alert(1)</script>", 'Look <img src=x onerror="alert(1)">', "[x](javascript:alert(1))"):
        response = client.post(reverse("calls:call_edit", kwargs=kwargs(draft)),
                               {"title": "Southern responses", "call_language": "en", "description": text})
        assert response.status_code == 200 and response.context["form"].errors["description"]
    draft.refresh_from_db()
    assert draft.description == ""
    with pytest.raises(Refused):
        call_text_save(panel=draft, by=samuel, description="<script>alert(1)</script>")


def test_the_call_page_renders_markdown_and_no_raw_html(client, draft, samuel):
    call_text_save(panel=draft, by=samuel, description="Papers on *policing*.\n\n- one\n- two")
    call_move(panel=draft, by=samuel, to=Panel.State.OPEN)
    body = client.get(draft.get_absolute_url()).content.decode()
    assert "<em>policing</em>" in body and "<li>one</li>" in body


def test_a_draft_is_seen_only_by_its_chairs_and_organisers(client, draft, samuel, olga):
    call_text_save(panel=draft, by=samuel, description="Soon.")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(olga)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "preview of a draft" in response.content.decode()


def test_opening_needs_the_text_and_is_explicit(draft, samuel):
    with pytest.raises(Refused, match="text"):
        call_move(panel=draft, by=samuel, to=Panel.State.OPEN)
    call_text_save(panel=draft, by=samuel, description="The call.")
    call_move(panel=draft, by=samuel, to=Panel.State.OPEN)
    assert Panel.objects.get(pk=draft.pk).state == Panel.State.OPEN
    assert AuditEvent.objects.filter(panel=draft, action="panel.open", from_state="draft").exists()
    with pytest.raises(Refused):
        call_move(panel=draft, by=samuel, to=Panel.State.ARCHIVED)


def test_visitors_read_the_version_in_their_language(client, draft, samuel):
    call_text_save(panel=draft, by=samuel, description="The call in English.")
    call_translation_save(panel=draft, by=samuel, language="pt", title="Respostas do Sul", description="A chamada.")
    call_move(panel=draft, by=samuel, to=Panel.State.OPEN)
    assert "A chamada." in client.get(draft.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pt-BR").content.decode()
    assert "The call in English." in client.get(draft.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert CallText.objects.count() == 1


def test_a_retired_topic_stays_with_the_papers_that_chose_it(draft, samuel):
    first = topic_add(panel=draft, by=samuel, text="First question?")
    second = topic_add(panel=draft, by=samuel, text="Second question?")
    paper = factories.SubmissionFactory(panel=draft)
    paper.topics.add(first)
    topic_retire(topic=first, by=samuel)
    topic_move(topic=second, by=samuel, up=True)
    assert list(paper.topics.all()) == [first]
    assert list(Topic.objects.filter(panel=draft).values_list("text", "number", "retired")) == [
        ("Second question?", 1, False), ("First question?", 2, True)]
    assert list(SubmissionForm(panel=draft).fields["topics"].queryset) == [second]
    assert set(SubmissionForm(panel=draft, submission=paper).fields["topics"].queryset) == {first, second}


def test_deadlines_out_of_order_are_refused_next_to_the_field_and_nothing_is_saved(client, draft, samuel):
    client.force_login(samuel)
    before = Panel.objects.get(pk=draft.pk).submission_deadline
    response = client.post(reverse("calls:deadlines", kwargs=kwargs(draft)), {
        "opens_at": "2027-01-10T00:00", "submission_deadline": "2027-03-01T23:59", "review_deadline": "2027-02-01T23:59",
    })
    assert response.status_code == 200
    assert "must come after the full-paper deadline" in response.context["form"].errors["review_deadline"][0]
    assert b'value="2027-02-01T23:59"' in response.content
    assert Panel.objects.get(pk=draft.pk).submission_deadline == before


def test_deadlines_are_entered_in_the_conference_time_zone(client, draft, samuel):
    client.force_login(samuel)
    response = client.post(reverse("calls:deadlines", kwargs=kwargs(draft)),
                           {"opens_at": "2027-01-10T00:00", "submission_deadline": "2027-03-01T23:59"})
    assert response.status_code == 302
    panel = Panel.objects.get(pk=draft.pk)
    assert panel.submission_deadline == local(panel, "2027-03-01T23:59")
    assert "America/Sao_Paulo" in client.get(reverse("calls:deadlines", kwargs=kwargs(draft))).content.decode()


def test_extending_the_deadline_is_one_audited_change_and_the_authors_may_be_told(client, draft, samuel):
    call_text_save(panel=draft, by=samuel, description="The call.")
    call_move(panel=draft, by=samuel, to=Panel.State.OPEN)
    submitted = factories.SubmissionFactory(panel=draft, state=Submission.State.SUBMITTED)
    factories.AuthorFactory(submission=submitted, position=1, name="Ana", email="ana@example.org")
    drafted = factories.SubmissionFactory(panel=draft, state=Submission.State.DRAFT)
    factories.AuthorFactory(submission=drafted, position=1, name="Rui", email="rui@example.org")
    withdrawn = factories.SubmissionFactory(panel=draft, state=Submission.State.WITHDRAWN)
    factories.AuthorFactory(submission=withdrawn, position=1, name="Ivo", email="ivo@example.org")
    client.force_login(samuel)
    url = reverse("calls:deadlines", kwargs=kwargs(draft))
    zone = draft.conference.zone
    opens = timezone.localtime(draft.opens_at, zone).strftime("%Y-%m-%dT%H:%M")
    later = (timezone.localtime(draft.submission_deadline, zone) + datetime.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    data = {"opens_at": opens, "submission_deadline": later, "tell_authors": "on", "note": "Good luck."}
    preview = client.post(url, data)
    told = set(Author.objects.filter(submission__in=[submitted, drafted]).values_list("email", flat=True))
    assert {"ana@example.org", "rui@example.org"} <= told and "ivo@example.org" not in told
    assert preview.status_code == 200 and preview.context["preview"]["count"] == len(told)
    assert "Good luck." in preview.context["preview"]["mail"].body_text
    assert not OutboundMail.objects.filter(template="deadline_changed").exists()
    assert client.post(url, {**data, "confirm": "1"}).status_code == 302
    assert set(OutboundMail.objects.filter(template="deadline_changed").values_list("to_email", flat=True)) == told
    events = AuditEvent.objects.filter(panel=draft, action="call.deadlines_changed")
    assert events.count() == 1 and list(events.get().data["changed"]) == ["submission_deadline"]


def test_a_rule_change_that_affects_papers_asks_for_confirmation_with_their_number(draft, samuel):
    factories.SubmissionFactory(panel=draft, state=Submission.State.SUBMITTED)
    factories.SubmissionFactory(panel=draft, state=Submission.State.SUBMITTED)
    with pytest.raises(ConfirmationNeeded) as needed:
        rules_save(panel=draft, by=samuel, values={"page_limit": 20})
    assert needed.value.papers == 2 and "2 papers" in needed.value.message
    assert Panel.objects.get(pk=draft.pk).page_limit == 40
    rules_save(panel=draft, by=samuel, values={"page_limit": 60})  # a larger limit harms nobody
    rules_save(panel=draft, by=samuel, values={"page_limit": 20, "blind_mode": "single"}, confirmed_papers=2)
    panel = Panel.objects.get(pk=draft.pk)
    assert panel.page_limit == 20 and not panel.double_blind


def test_the_rules_page_shows_the_confirmation(client, draft, samuel):
    factories.SubmissionFactory(panel=draft, state=Submission.State.SUBMITTED)
    client.force_login(samuel)
    data = {"pdf_max_mb": 10, "page_limit": 30, "blind_mode": "double", "coauthors_may_edit": "on",
            "abstract_min_words": 50, "abstract_max_words": 300, "keywords_min": 3, "keywords_max": 8,
            "languages": ["en", "pt"], "reviews_per_paper": 3, "max_load": 12}
    response = client.post(reverse("calls:rules", kwargs=kwargs(draft)), data)
    assert response.status_code == 200 and "affects 1 paper" in response.content.decode()
    assert client.post(reverse("calls:rules", kwargs=kwargs(draft)), {**data, "confirmed_papers": 1}).status_code == 302
    assert Panel.objects.get(pk=draft.pk).page_limit == 30


def test_the_panel_audit_log_filters_by_kind(client, draft, samuel, olga):
    call_text_save(panel=draft, by=samuel, description="The call.")
    deadlines_save(panel=draft, by=samuel, values={"submission_deadline": draft.submission_deadline + datetime.timedelta(days=1)})
    client.force_login(olga)
    response = client.get(reverse("calls:panel_audit", kwargs=kwargs(draft)), {"kind": "call.deadlines_changed"})
    assert response.status_code == 200
    assert [event.action for event in response.context["events"]] == ["call.deadlines_changed"]
    assert "call.text_changed" in response.context["kinds"]
