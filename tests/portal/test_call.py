"""The public pages of the calls: the list of open calls and each call's page."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PanelChairFactory, PanelFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    """What a reader sees: the page without tags, with single spaces."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture
def call(panel):
    panel.title = "The spread of Southern responses"
    panel.description = "First paragraph of the call.\n\nSecond paragraph, with ‘quotes’."
    panel.references = "AMAR, P. (ed.)(2013) Global South to the Rescue.\n\nPECK, J. (2015). Fast Policy."
    panel.submission_deadline = datetime.datetime(2027, 1, 5, 23, 59, 59, tzinfo=panel.conference.zone)
    panel.abstract_deadline = datetime.datetime(2026, 12, 15, 23, 59, 59, tzinfo=panel.conference.zone)
    panel.save()
    PanelChairFactory(panel=panel, user=UserFactory(full_name="Samuel Alves Soares"),
                      affiliation="UNESP/Programa de Pós-Graduação San Tiago Dantas")
    return panel


def test_the_call_page_shows_the_call_its_chairs_topics_and_references(client, call):
    text = page_text(client.get(call.get_absolute_url()))
    assert "Samuel Alves Soares (UNESP/Programa de Pós-Graduação San Tiago Dantas)" in text
    assert "First paragraph of the call. Second paragraph, with ‘quotes’." in text
    for topic in call.topics.all():
        assert topic.text in text
    assert "Contributions that consider similar questions not listed above are welcome." in text
    assert "AMAR, P. (ed.)(2013) Global South to the Rescue. PECK, J. (2015). Fast Policy." in text


def test_the_call_page_states_its_rules(client, call):
    call.languages = ["en", "pt"]
    call.save()
    text = page_text(client.get(call.get_absolute_url()))
    assert "Abstract of 50 to 300 words." in text
    assert "3 to 8 keywords." in text
    assert "The paper as one PDF file of at most 10 MB and 40 pages." in text
    assert "Papers may be written in: English, Portuguese." in text
    assert "Review is double-blind" in text


def test_the_welcome_to_other_questions_shows_only_where_the_call_says_so(client, call):
    call.other_questions_welcome = False
    call.save()
    assert "similar questions not listed above" not in page_text(client.get(call.get_absolute_url()))


def test_deadlines_are_shown_anywhere_on_earth_and_in_the_viewers_time_zone(client, call):
    text = page_text(client.get(call.get_absolute_url()))
    assert "Full-paper deadline Jan. 6, 2027, 11:59 a.m. (UTC) · Jan. 5, 2027, 11:59 p.m. (AoE)" in text
    assert "Abstract deadline Dec. 16, 2026, 11:59 a.m. (UTC) · Dec. 15, 2026, 11:59 p.m. (AoE)" in text

    client.force_login(UserFactory(time_zone="America/Sao_Paulo"))
    text = page_text(client.get(call.get_absolute_url()))
    assert "Jan. 6, 2027, 8:59 a.m. (São Paulo time) · Jan. 5, 2027, 11:59 p.m. (AoE)" in text


def test_a_conference_may_read_its_deadlines_in_another_time_zone(client, call):
    conference = call.conference
    conference.time_zone = "America/Sao_Paulo"
    conference.save()
    text = page_text(client.get(call.get_absolute_url()))
    assert "Full-paper deadline Jan. 6, 2027, 11:59 a.m. (UTC) · Jan. 6, 2027, 8:59 a.m. (São Paulo time)" in text


def test_a_visitors_submit_button_leads_to_sign_up_and_back_to_the_form(client, call):
    body = client.get(call.get_absolute_url()).content.decode()
    form_url = reverse("submissions:create", kwargs={"conference_slug": call.conference.slug, "panel_slug": call.slug})
    assert f'href="{reverse("account_signup")}?next={form_url}"' in body
    assert f'href="{reverse("account_login")}?next={form_url}"' in body


def test_a_visitor_with_an_account_logs_in_and_lands_on_the_form(client, call):
    from tests.factories import PASSWORD

    user = UserFactory()
    form_url = reverse("submissions:create", kwargs={"conference_slug": call.conference.slug, "panel_slug": call.slug})
    response = client.post(f"{reverse('account_login')}?next={form_url}",
                           {"login": user.email, "password": PASSWORD, "next": form_url})
    assert response.status_code == 302 and response["Location"] == form_url
    assert client.get(form_url).status_code == 200


def test_a_signed_in_users_button_leads_straight_to_the_form(client, call, author):
    client.force_login(author)
    body = client.get(call.get_absolute_url()).content.decode()
    assert reverse("submissions:create", kwargs={"conference_slug": call.conference.slug, "panel_slug": call.slug}) in body
    assert "Submit a paper" in body


def test_a_closed_call_says_why_and_offers_no_button(client, call):
    call.submission_deadline = timezone.now() - datetime.timedelta(seconds=1)
    call.abstract_deadline = None
    call.save()
    text = page_text(client.get(call.get_absolute_url()))
    assert "The full-paper deadline" in text and "has passed: this call takes no new submissions." in text
    assert "Submit a paper" not in text


def test_an_unpublished_call_is_not_found(client, call):
    call.is_published = False
    call.save()
    assert client.get(call.get_absolute_url()).status_code == 404


def test_the_list_of_open_calls_links_each_call_and_leaves_out_closed_ones(client, call):
    closed = PanelFactory(title="A call that closed", submission_deadline=timezone.now() - datetime.timedelta(days=1))
    body = client.get(reverse("home")).content.decode()
    assert f'href="{call.get_absolute_url()}"' in body and "Samuel Alves Soares" in body
    assert closed.title not in body


def test_the_list_of_calls_needs_the_same_queries_for_one_or_many_calls(client, call, django_assert_max_num_queries):
    with django_assert_max_num_queries(4) as one:
        client.get(reverse("home"))
    for _extra in range(5):
        panel = PanelFactory()
        TopicFactory(panel=panel)
        PanelChairFactory(panel=panel)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("home"))
    assert response.content.decode().count('class="card mb-3"') == 6
