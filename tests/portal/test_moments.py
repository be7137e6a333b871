"""One way to write a moment for people (portal.moments): the reader's zone
named, the call's zone beside a deadline, the browser's zone until the user
chooses one, and the offer to save it."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from portal.mail.queue import mail_queue
from portal.middleware import BROWSER_ZONE_COOKIE, KEPT_ZONE_COOKIE
from portal.moments import deadline_text, moment_text, time_left, zone_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
DEADLINE = datetime.datetime(2027, 1, 15, 11, 59, tzinfo=UTC)  # 14 January, 23:59 AoE


class Call:
    time_zone = "Etc/GMT+12"


def text_of(response) -> str:
    assert response.status_code == 200
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "São Paulo time"), ("pt-br", "horário de São Paulo"), ("es", "hora de São Paulo"),
])
def test_a_zone_is_named_by_its_city_in_the_readers_language(language, expected):
    assert zone_name("America/Sao_Paulo", language) == expected


def test_anywhere_on_earth_utc_and_fixed_offsets_have_short_names_without_nested_parentheses():
    assert zone_name("Etc/GMT+12", "en") == "AoE"
    assert zone_name("UTC", "pt-br") == "UTC"
    assert zone_name("Etc/GMT+3", "es") == "UTC−3"
    assert zone_name("Etc/GMT-5", "en") == "UTC+5"
    with timezone.override(zoneinfo.ZoneInfo("Etc/GMT+12")), translation.override("en"):
        assert moment_text(DEADLINE) == "Jan. 14, 2027, 11:59 p.m. (AoE)"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Jan. 15, 2027, 8:59 a.m. (São Paulo time) · Jan. 14, 2027, 11:59 p.m. (AoE)"),
    ("pt-br", "15 de janeiro de 2027 às 08:59 (horário de São Paulo) · 14 de janeiro de 2027 às 23:59 (AoE)"),
    ("es", "15 de enero de 2027 a las 08:59 (hora de São Paulo) · 14 de enero de 2027 a las 23:59 (AoE)"),
])
def test_a_deadline_is_written_in_the_readers_zone_with_the_calls_beside_it(language, expected):
    with timezone.override(zoneinfo.ZoneInfo("America/Sao_Paulo")), translation.override(language):
        assert deadline_text(DEADLINE, Call()) == expected


def test_a_reader_in_the_calls_own_zone_reads_the_deadline_once():
    with timezone.override(zoneinfo.ZoneInfo("Etc/GMT+12")), translation.override("en"):
        assert deadline_text(DEADLINE, Call()) == "Jan. 14, 2027, 11:59 p.m. (AoE)"


def test_time_left_is_empty_once_the_moment_has_passed():
    now = DEADLINE - datetime.timedelta(days=2, hours=5, minutes=3)
    with translation.override("en"):
        assert time_left(DEADLINE, now) == "2\xa0days, 5\xa0hours"
        assert time_left(DEADLINE, DEADLINE) == ""


def test_a_visitor_reads_the_call_in_the_zone_their_browser_reported(client, panel):
    panel.submission_deadline = DEADLINE
    panel.save()
    assert "Jan. 15, 2027, 11:59 a.m. (UTC) · Jan. 14, 2027, 11:59 p.m. (AoE)" in text_of(
        client.get(panel.get_absolute_url()))  # no cookie yet: UTC, and it says so
    client.cookies[BROWSER_ZONE_COOKIE] = "America/Sao_Paulo"
    assert "Jan. 15, 2027, 8:59 a.m. (São Paulo time) · Jan. 14, 2027, 11:59 p.m. (AoE)" in text_of(
        client.get(panel.get_absolute_url()))


def test_a_zone_the_browser_made_up_is_ignored(client, panel):
    client.cookies[BROWSER_ZONE_COOKIE] = "Mars/Olympus_Mons"
    assert "(UTC)" in text_of(client.get(panel.get_absolute_url()))


def test_the_page_tells_the_script_whether_to_reload_in_the_browsers_zone(client, panel):
    body = client.get(panel.get_absolute_url()).content.decode()
    assert 'data-zone="UTC" data-zone-reload="1"' in body and "portal/timezone.js" in body
    client.force_login(UserFactory(time_zone="Europe/Madrid"))
    body = client.get(panel.get_absolute_url()).content.decode()
    assert 'data-zone="Europe/Madrid" data-zone-reload="0"' in body  # the profile's choice stands


def test_a_user_who_chose_no_zone_reads_the_browsers_and_is_offered_to_save_it(client, panel):
    user = UserFactory(time_zone="")
    client.force_login(user)
    client.cookies[BROWSER_ZONE_COOKIE] = "America/Sao_Paulo"
    text = text_of(client.get(panel.get_absolute_url()))
    assert "(São Paulo time)" in text
    assert "Times are shown in São Paulo time, your device's time zone." in text

    response = client.post(reverse("set_time_zone"), {"time_zone": "America/Sao_Paulo", "choice": "save",
                                                      "next": panel.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == panel.get_absolute_url()
    user.refresh_from_db()
    assert user.time_zone == "America/Sao_Paulo"
    assert "your device's time zone" not in text_of(client.get(panel.get_absolute_url()))


def test_a_user_whose_profile_has_another_zone_may_keep_it_and_is_not_asked_again(client, panel):
    user = UserFactory(time_zone="Europe/Madrid")
    client.force_login(user)
    client.cookies[BROWSER_ZONE_COOKIE] = "America/Sao_Paulo"
    text = text_of(client.get(panel.get_absolute_url()))
    assert "(Madrid time)" in text
    assert "Your device is on São Paulo time; your profile shows times in Madrid time." in text

    response = client.post(reverse("set_time_zone"), {"time_zone": "America/Sao_Paulo", "choice": "keep",
                                                      "next": "https://elsewhere.example.com/"})
    assert response["Location"] == reverse("home")  # never off the site
    assert response.cookies[KEPT_ZONE_COOKIE].value == "America/Sao_Paulo"
    user.refresh_from_db()
    assert user.time_zone == "Europe/Madrid"
    assert "Your device is on" not in text_of(client.get(panel.get_absolute_url()))


def test_an_unknown_zone_is_not_saved(client):
    user = UserFactory(time_zone="Europe/Madrid")
    client.force_login(user)
    response = client.post(reverse("set_time_zone"), {"time_zone": "Nowhere/At_All", "choice": "save"}, follow=True)
    assert "That time zone is not known" in text_of(response)
    user.refresh_from_db()
    assert user.time_zone == "Europe/Madrid"


def test_mail_to_an_address_without_an_account_is_in_the_calls_zone_never_utc(
    panel, paper, django_capture_on_commit_callbacks,
):
    paper.submitted_at = DEADLINE
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        mail_queue(to="nobody@elsewhere.example.org", template="submission_receipt", panel=panel, related=paper,
                   context={"submission": paper, "authors": [], "event": "submitted", "at": DEADLINE, "by": None,
                            "url": "http://x/"})
    assert "Jan. 14, 2027, 11:59 p.m. (AoE)" in mail.outbox[0].body


def test_the_reviewer_sees_the_time_left_until_the_review_deadline(client, paper, reviewer):
    paper.state = "submitted"
    paper.save()
    panel = paper.panel
    panel.review_deadline = timezone.now() + datetime.timedelta(days=3, hours=2)
    panel.save()
    client.force_login(reviewer)
    text = text_of(client.get(reverse("reviews:my_reviews")))
    assert re.search(r"3 days, (1|2) hours? left\.", text)
    assert "(AoE)" in text  # the call's zone beside the reviewer's
