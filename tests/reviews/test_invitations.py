import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.urls import reverse

from portal.models import AuditEvent, OutboundMail, User
from reviews.models import PanelReviewer, ReviewerInvitation
from reviews.services.pool import INVITATION_VALID_FOR, invitation_token
from tests.factories import PASSWORD, UserFactory
from tests.reviews.helpers import panel_url

pytestmark = pytest.mark.django_db


def invite(client, chair, panel, capture, **data):
    client.force_login(chair)
    with capture(execute=True):
        return client.post(panel_url("invitations", panel), data)


def link_in(body: str, path_part: str) -> str:
    return re.search(r"https?://[^/\s]+(/reviews/invitations/[^\s/]+/" + path_part + r")", body).group(1)


def test_chair_invites_many_people_at_once_and_each_gets_their_own_signed_link(
        client, chair, panel, django_capture_on_commit_callbacks):
    response = invite(client, chair, panel, django_capture_on_commit_callbacks, people=(
        "Maria Silva <maria@usp.example.br>\n"
        "joao@unicamp.example.br\n"
        "Ana Lima, ana@ufmg.example.br\n"
    ))
    assert response.status_code == 302
    invitations = ReviewerInvitation.objects.filter(panel=panel).order_by("email")
    assert [(i.email, i.name, i.state) for i in invitations] == [
        ("ana@ufmg.example.br", "Ana Lima", "sent"),
        ("joao@unicamp.example.br", "", "sent"),
        ("maria@usp.example.br", "Maria Silva", "sent"),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [i.email for i in invitations]
    maria = next(message for message in mail.outbox if message.to == ["maria@usp.example.br"])
    assert "Dear Maria Silva" in maria.body
    assert panel.title in maria.subject
    assert chair.full_name in maria.body
    assert link_in(maria.body, "") != link_in(next(m.body for m in mail.outbox if m.to == ["ana@ufmg.example.br"]), "")
    assert "/decline/" in maria.body
    row = OutboundMail.objects.get(to_email="maria@usp.example.br")
    assert row.template == "reviewer_invitation" and row.panel == panel
    assert ReviewerInvitation.objects.get(email="maria@usp.example.br").last_mail == row


def test_bad_lines_are_reported_by_line_number_and_the_text_is_kept(client, chair, panel):
    client.force_login(chair)
    text = "Maria Silva <maria@usp.example.br>\nno address here\nbroken@\nmaria@usp.example.br\n"
    response = client.post(panel_url("invitations", panel), {"people": text})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 2: “no address here” has no email address." in page
    assert "Line 3: “broken@” is not a valid email address." in page
    assert "Line 4: maria@usp.example.br is already on line 1." in page
    assert "no address here\nbroken@" in page  # the textarea keeps what was typed
    assert not ReviewerInvitation.objects.exists()


def test_chair_invites_from_a_csv_file_with_a_header(client, chair, panel, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv_file = SimpleUploadedFile("people.csv", "name,email\n\"Silva, Maria\",maria@usp.example.br\n".encode("utf-8-sig"))
    invite(client, chair, panel, django_capture_on_commit_callbacks, csv_file=csv_file)
    assert ReviewerInvitation.objects.get().name == "Silva, Maria"


def test_people_already_in_the_pool_or_invited_are_not_invited_twice(
        client, chair, panel, unassigned_reviewer, django_capture_on_commit_callbacks):
    ReviewerInvitation.objects.create(panel=panel, email="maria@usp.example.br")
    response = invite(client, chair, panel, django_capture_on_commit_callbacks,
                      people=f"{unassigned_reviewer.email}\nmaria@usp.example.br\n")
    assert ReviewerInvitation.objects.count() == 1
    assert not mail.outbox
    page = client.get(response["Location"]).content.decode()
    assert "already a reviewer of this panel" in page
    assert "already invited" in page


def test_invitee_with_an_account_accepts_joins_the_pool_and_their_conflicts_are_found(
        client, panel, paper, author):
    invitation = ReviewerInvitation.objects.create(panel=panel, email="colleague@ufabc.example.edu.br")
    colleague = UserFactory(email="colleague@ufabc.example.edu.br")
    client.force_login(colleague)
    token = invitation_token(invitation)
    assert "Accept" in client.get(reverse("reviews:invitation", args=[token])).content.decode()

    response = client.post(reverse("reviews:invitation_accept", args=[token]))

    assert response["Location"] == panel_url("expertise", panel)
    invitation.refresh_from_db()
    assert invitation.state == "accepted" and invitation.user == colleague and invitation.responded_at
    assert PanelReviewer.objects.filter(panel=panel, user=colleague).exists()
    # Same institutional domain as the paper's author: found at once.
    assert paper.conflicts.filter(reviewer=colleague, source="email_domain").exists()
    assert AuditEvent.objects.filter(action="invitation.accepted").exists()


def test_invitee_without_an_account_signs_up_and_comes_back_to_accept(client, panel):
    invitation = ReviewerInvitation.objects.create(panel=panel, email="newcomer@fiocruz.example.br")
    invitation_url = reverse("reviews:invitation", args=[invitation_token(invitation)])
    page = client.get(invitation_url).content.decode()
    signup_url = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1).replace("&amp;", "&")

    response = client.post(signup_url, {
        "email": "newcomer@fiocruz.example.br", "full_name": "Nova Pessoa", "password1": PASSWORD,
        "password2": PASSWORD,
    })

    # The link proved the address: no second confirmation, straight back to the invitation.
    assert response.status_code == 302
    assert response["Location"] == invitation_url
    user = User.objects.get(email="newcomer@fiocruz.example.br")
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post(reverse("reviews:invitation_accept", args=[invitation_url.split("/")[-2]]))
    assert PanelReviewer.objects.filter(panel=panel, user=user).exists()


def test_invitee_declines_without_an_account(client, panel):
    invitation = ReviewerInvitation.objects.create(panel=panel, email="busy@unb.example.br")
    url = reverse("reviews:invitation_decline", args=[invitation_token(invitation)])
    assert "Decline reviewing" in client.get(url).content.decode()
    client.post(url)
    invitation.refresh_from_db()
    assert invitation.state == "declined" and invitation.responded_at is not None
    # A second answer is refused.
    assert "was declined" in client.post(url).content.decode()


def test_a_forged_or_expired_link_is_refused(client, panel):
    invitation = ReviewerInvitation.objects.create(panel=panel, email="busy@unb.example.br")
    forged = signing.dumps(str(invitation.code), salt="another purpose")
    assert client.get(reverse("reviews:invitation", args=[forged])).status_code == 404
    long_ago = time.time() - INVITATION_VALID_FOR.total_seconds() - 60
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        expired = invitation_token(invitation)
    response = client.get(reverse("reviews:invitation", args=[expired]))
    assert response.status_code == 404
    assert "expired" in response.content.decode()
    client.post(reverse("reviews:invitation_decline", args=[expired]))
    invitation.refresh_from_db()
    assert invitation.state == "sent"


def test_chair_resends_a_declined_invitation_and_it_is_open_again(
        client, chair, panel, django_capture_on_commit_callbacks):
    invitation = ReviewerInvitation.objects.create(panel=panel, email="busy@unb.example.br", state="declined")
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(panel_url("invitation_resend", panel, code=invitation.code))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "sent" and invitation.times_sent == 2
    assert mail.outbox[-1].to == ["busy@unb.example.br"]
    assert client.get(panel_url("invitation_resend", panel, code=invitation.code)).status_code == 405


def test_an_invitation_whose_mail_failed_shows_as_bounced(client, chair, panel, django_capture_on_commit_callbacks):
    invite(client, chair, panel, django_capture_on_commit_callbacks, people="ghost@nowhere.example.br")
    invitation = ReviewerInvitation.objects.get()
    OutboundMail.objects.filter(pk=invitation.last_mail_id).update(state=OutboundMail.State.FAILED)
    invitation.refresh_from_db()
    assert invitation.status == "bounced"
    assert "bounced" in client.get(panel_url("invitations", panel)).content.decode()


def test_the_invitation_form_shows_its_example_address(client, panel, chair):
    client.force_login(chair)
    page = client.get(panel_url("invitations", panel)).content.decode()
    assert "Maria Silva &lt;maria@example.org&gt;" in page
