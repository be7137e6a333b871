"""Organisers create conferences and panels and name the people who run them."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from calls.services.conferences import chair_name, conference_create, invitation_accept, panel_create
from portal.models import AuditEvent, Conference, ConferenceOrganiser, OutboundMail, Panel, PanelChair, RoleInvitation
from portal.refusals import Refused
from tests import factories


def test_create_conference_names_an_organiser_without_account_by_an_invitation_mail(db, capsys):
    call_command("create_conference", "--organiser", "new.organiser@example.org", "--name", "LASS 2027",
                 "--slug", "lass-2027", "--time-zone", "America/Sao_Paulo", "--languages", "en,pt")
    conference = Conference.objects.get(slug="lass-2027")
    assert conference.languages == ["en", "pt"] and conference.time_zone == "America/Sao_Paulo"
    invitation = RoleInvitation.objects.get(email="new.organiser@example.org")
    assert invitation.role == RoleInvitation.Role.ORGANISER and invitation.panel is None
    mail = OutboundMail.objects.get(to_email="new.organiser@example.org", template="role_invitation")
    assert reverse("calls:invitation", kwargs={"code": invitation.code}) in mail.body_text


def test_create_conference_refuses_a_slug_in_use_and_a_bad_address(conference):
    with pytest.raises(CommandError, match="already used"):
        call_command("create_conference", "--organiser", "x@example.org", "--name", "Again", "--slug", "lass")
    with pytest.raises(CommandError):
        call_command("create_conference", "--organiser", "not an address", "--name", "X", "--slug", "x")
    assert Conference.objects.count() == 1


def test_an_organiser_with_an_account_is_named_at_once(conference, olga):
    assert ConferenceOrganiser.objects.filter(conference=conference, user=olga).exists()
    assert OutboundMail.objects.filter(to_email=olga.email, template="role_granted").exists()


def test_a_new_panel_is_a_draft_and_its_chairs_are_named_or_invited(conference, olga, samuel):
    panel = panel_create(conference=conference, by=olga, title="Borders", slug="borders",
                         chair_emails=[samuel.email, "danilo@esg.example.br"])
    assert panel.state == Panel.State.DRAFT and panel.languages == ["en", "pt", "es"]
    assert list(PanelChair.objects.filter(panel=panel).values_list("user", flat=True)) == [samuel.pk]
    invitation = RoleInvitation.objects.get(email="danilo@esg.example.br")
    assert invitation.panel == panel and invitation.role == RoleInvitation.Role.CHAIR
    assert AuditEvent.objects.filter(panel=panel, action="panel.chair_invited").exists()


def test_only_organisers_create_panels_and_name_chairs(conference, draft, samuel):
    with pytest.raises(Refused):
        panel_create(conference=conference, by=samuel, title="Mine", slug="mine")
    with pytest.raises(Refused):
        chair_name(panel=draft, email="friend@example.org", by=samuel)
    assert Panel.objects.count() == 1


def test_the_invitation_is_taken_only_by_its_address(draft, olga):
    invitation = chair_name(panel=draft, email="danilo@esg.example.br", by=olga)
    stranger = factories.UserFactory(email="stranger@example.org")
    with pytest.raises(Refused, match="danilo@esg.example.br"):
        invitation_accept(invitation=invitation, by=stranger)
    danilo = factories.UserFactory(email="danilo@esg.example.br")
    invitation_accept(invitation=invitation, by=danilo)
    assert PanelChair.objects.filter(panel=draft, user=danilo).exists()
    with pytest.raises(Refused, match="already"):
        invitation_accept(invitation=invitation, by=danilo)


def test_only_staff_and_organisers_create_conferences(db, samuel):
    with pytest.raises(Refused):
        conference_create(by=samuel, name="Mine", short_name="Mine", slug="mine", time_zone="UTC",
                          languages=["en"], contact_email="me@example.org")
    staff = factories.UserFactory(is_staff=True)
    conference = conference_create(by=staff, name="Ours", short_name="Ours", slug="ours", time_zone="UTC",
                                   languages=["en"], contact_email="us@example.org")
    assert ConferenceOrganiser.objects.filter(conference=conference, user=staff).exists()


def test_the_conference_form_refuses_a_slug_in_use_next_to_the_field(client, conference, olga):
    client.force_login(olga)
    data = {"name": "Another", "short_name": "A", "slug": "lass", "time_zone": "UTC", "languages": ["en"],
            "contact_email": "a@example.org"}
    response = client.post(reverse("calls:conference_create"), data)
    assert response.status_code == 200
    assert "This address is already used by another conference." in response.context["form"].errors["slug"]
    assert b'value="Another"' in response.content
    assert Conference.objects.count() == 1


def test_the_panel_form_refuses_a_chair_address_that_is_not_an_address(client, conference, olga):
    client.force_login(olga)
    response = client.post(reverse("calls:panel_create", kwargs={"conference": "lass"}),
                           {"title": "Borders", "slug": "borders", "call_language": "en",
                            "chairs": "samuel@unesp.example.edu.br\nnot-an-address"})
    assert response.status_code == 200
    assert "“not-an-address” is not an email address." in response.context["form"].errors["chairs"]
    assert not Panel.objects.exists() and not RoleInvitation.objects.exists()


def test_the_organiser_overview_shows_each_panels_phase(client, draft, olga, django_assert_max_num_queries):
    factories.PanelFactory(conference=draft.conference, title="Second panel")
    client.force_login(olga)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("calls:conference", kwargs={"conference": "lass"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Southern responses" in body and "Second panel" in body
    assert "Draft: the call is not open yet" in body and "Call open" in body
