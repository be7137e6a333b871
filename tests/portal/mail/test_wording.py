"""A panel's chairs word the invitation and decision mails themselves,
with placeholders, previewed before saving."""

import dataclasses
import datetime
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from portal.mail import wording
from portal.mail.queue import mail_queue
from portal.mail.wording import (
    EDITABLE_MAILS, EditableMail, MailPlaceholders, PlaceholdersMismatch, fill_placeholders, placeholders_in, register,
)
from portal.models import AuditEvent, MailTemplateOverride
from tests.support.mailtemplates import own_mail_templates  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

DECISION = {"subject": "Decision on “{title}”", "body": "Dear {author_name},\n\nYour paper was {decision}.\n{reviews}"}


def wording_url(panel, template="decision"):
    return reverse("mail:panel_wording", kwargs={
        "conference_slug": panel.conference.slug, "panel_slug": panel.slug, "template": template,
    })


def test_a_chair_previews_the_wording_then_saves_it(client, chair, panel):
    client.force_login(chair)
    page = client.get(wording_url(panel))
    assert page.status_code == 200 and "{author_name}" in page.content.decode()  # the starting text

    preview = client.post(wording_url(panel), {**DECISION, "action": "preview"})
    body = preview.content.decode()
    assert "Dear Maria Example," in body and "Your paper was accepted." in body  # sample values
    assert f"Decision on “An example paper on city networks”" in body
    assert not MailTemplateOverride.objects.exists()

    previewed = preview.context["form"]["previewed"].value()
    saved = client.post(wording_url(panel), {**DECISION, "previewed": previewed, "action": "save"})
    assert saved.status_code == 302
    wording = MailTemplateOverride.objects.get(panel=panel, template="decision")
    assert (wording.subject, wording.body, wording.updated_by) == (DECISION["subject"], DECISION["body"], chair)
    assert AuditEvent.objects.filter(action="mail_wording.saved", actor=chair).exists()


def test_text_changed_after_its_preview_is_previewed_again_not_saved(client, chair, panel):
    client.force_login(chair)
    preview = client.post(wording_url(panel), {**DECISION, "action": "preview"})
    previewed = preview.context["form"]["previewed"].value()
    response = client.post(wording_url(panel), {
        **DECISION, "body": "Something else, {author_name}", "previewed": previewed, "action": "save",
    })
    assert response.status_code == 200 and "Something else, Maria Example" in response.content.decode()
    assert not MailTemplateOverride.objects.exists()


@pytest.mark.parametrize("body, named", [
    ("Dear {author}, ...", "{author}"),
    ("Dear {name.__class__}", "{name.__class__}"),
    ("Dear {author_name!r}", "{author_name!r}"),
    ("Dear {author_name", "brace"),
])
def test_a_placeholder_the_mail_does_not_have_is_refused_by_name(client, chair, panel, body, named):
    client.force_login(chair)
    response = client.post(wording_url(panel), {"subject": "Decision", "body": body, "action": "preview"})
    errors = response.context["form"].errors["body"]
    assert named in " ".join(errors)
    assert body in response.content.decode()  # what was typed is kept
    assert not MailTemplateOverride.objects.exists()


def test_the_invitation_offers_its_own_placeholders(client, chair, panel):
    client.force_login(chair)
    response = client.post(wording_url(panel, "reviewer_invitation"), {
        "subject": "Review for {panel_title}", "body": "{name}: {accept_url} or {decline_url}. {chair_names}",
        "action": "preview",
    })
    assert response.context["form"].is_valid()
    assert f"Review for {panel.title}" in response.content.decode()
    assert "Samuel Chair" in response.content.decode()  # the panel's chairs


def test_a_panel_goes_back_to_the_standard_mail(client, chair, panel):
    MailTemplateOverride.objects.create(panel=panel, template="decision", **DECISION)
    client.force_login(chair)
    listing = client.get(reverse("mail:panel_wordings", kwargs={
        "conference_slug": panel.conference.slug, "panel_slug": panel.slug}))
    assert "Your panel's wording, saved by" in listing.content.decode()
    client.post(wording_url(panel).rstrip("/") + "/restore/")
    assert not MailTemplateOverride.objects.exists()


def test_an_unknown_mail_is_not_found(client, chair, panel):
    client.force_login(chair)
    assert client.get(wording_url(panel, "password_reset")).status_code == 404


@pytest.fixture
def editable_test_notice(monkeypatch):
    monkeypatch.setitem(wording.EDITABLE_MAILS, "test_notice", EditableMail(
        name="test_notice", label="Test notice", placeholders={"name": "a name", "deadline": "a date"},
        starting_subject="Notice", starting_body="Hello {name}", sample={"name": "Sam"},
    ))


@pytest.mark.usefixtures("own_mail_templates", "editable_test_notice")
def test_a_panels_wording_replaces_the_standard_text_inside_the_layout(panel, author):
    MailTemplateOverride.objects.create(
        panel=panel, template="test_notice", subject="For {name}", body="Hello {name} <b>&</b> {{braces}}",
    )
    mail = mail_queue(to=author, template="test_notice", panel=panel, context={
        "name": "Ana <Lopes>", "deadline": datetime.date(2026, 1, 1),
        "placeholders": {"name": "Ana <Lopes>", "deadline": "1 January"},
    })
    assert mail.subject == "For Ana <Lopes>"
    assert "Hello Ana <Lopes> <b>&</b> {braces}" in mail.body_text
    assert "Hello Ana &lt;Lopes&gt; &lt;b&gt;&amp;&lt;/b&gt; {braces}" in mail.body_html
    assert f"{panel.conference.name} · {panel.title}" in mail.body_text  # the layout around it


@pytest.mark.usefixtures("own_mail_templates", "editable_test_notice")
def test_without_a_wording_of_its_own_a_panel_sends_the_standard_mail(panel, other_chair, author):
    other_panel = other_chair.chaired_panels.get()
    MailTemplateOverride.objects.create(panel=other_panel, template="test_notice", subject="X", body="Other panel")
    mail = mail_queue(to=author, template="test_notice", panel=panel, context={
        "name": "Ana", "deadline": datetime.date(2026, 1, 1), "placeholders": {"name": "Ana"},
    })
    assert "Hello Ana & co." in mail.body_text and "Other panel" not in mail.body_text


def test_placeholders_are_only_names():
    assert placeholders_in("{a} and {b} but {{not}}") == ["a", "b"]
    assert fill_placeholders("{a} {missing} {{x}}", {"a": "1"}) == "1 {missing} {x}"
    assert fill_placeholders("{a.__class__}", {"a": "1"}) == "{a.__class__}"


NOTICE = MailPlaceholders(name="test_notice", placeholders={"name": "a name", "deadline": "a date"})


def test_a_mail_filled_with_every_declared_placeholder_gets_its_values():
    assert NOTICE.values(name="Ana", deadline="1 January") == {"name": "Ana", "deadline": "1 January"}


@pytest.mark.parametrize("values, named", [
    ({"name": "Ana"}, "missing: ['deadline']"),
    ({"name": "Ana", "deadline": "1 January", "room": "B12"}, "not declared: ['room']"),
])
def test_a_mail_filled_with_a_placeholder_it_did_not_declare_or_without_one_fails_loudly(values, named):
    with pytest.raises(PlaceholdersMismatch, match=re.escape(named)):
        NOTICE.values(**values)


def test_the_apps_register_the_mails_chairs_may_reword_without_the_core_importing_them(client, chair, panel):
    assert list(EDITABLE_MAILS) == ["reviewer_invitation", "decision"]  # reviews/mails.py, found by MailConfig
    client.force_login(chair)
    listing = client.get(reverse("mail:panel_wordings", kwargs={
        "conference_slug": panel.conference.slug, "panel_slug": panel.slug}))
    assert [mail.name for mail, _wording in listing.context["mails"]] == ["reviewer_invitation", "decision"]


@pytest.mark.usefixtures("editable_test_notice")
def test_a_newly_registered_mail_is_offered_on_the_wording_page(client, chair, panel):
    client.force_login(chair)
    listing = client.get(reverse("mail:panel_wordings", kwargs={
        "conference_slug": panel.conference.slug, "panel_slug": panel.slug}))
    assert "Test notice" in listing.content.decode()


@pytest.mark.parametrize("name", ["reviewer_invitation", "decision"])
def test_the_preview_of_each_editable_mail_fills_every_placeholder(panel, name):
    values = EDITABLE_MAILS[name].preview_values(panel=panel, chair_names="Samuel Chair")
    assert set(values) == set(EDITABLE_MAILS[name].placeholders)


def test_a_mail_declared_twice_is_refused(monkeypatch):
    monkeypatch.setattr(wording, "EDITABLE_MAILS", {})
    notice = EditableMail(name="test_notice", label="Test notice", placeholders={}, starting_subject="Notice",
                          starting_body="Hello", sample={})
    register(notice)
    with pytest.raises(ImproperlyConfigured, match="test_notice"):
        register(dataclasses.replace(notice, label="Another notice"))
