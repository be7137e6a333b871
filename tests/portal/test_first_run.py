"""A first run without surprises: the address mails link to follows
`make run PORT=`, and browsers find an icon."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_on_another_port_links_mails_and_the_demo_to_that_port():
    commands = subprocess.run(["make", "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout
    load_demo = next(line for line in commands.splitlines() if "load_demo" in line)
    runserver = next(line for line in commands.splitlines() if "runserver" in line)
    assert "SITE_URL=http://127.0.0.1:8123" in load_demo  # the demo prints the address it was given
    assert "SITE_URL=http://127.0.0.1:8123" in runserver and runserver.rstrip().endswith("127.0.0.1:8123")
    assert not re.search(r":8000\b", commands)


def test_favicon_ico_answers_with_the_portals_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    icon = b"".join(response.streaming_content)
    assert icon == Path(finders.find("portal/favicon.ico")).read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00" and b"PNG" in icon  # an ICO holding a PNG


def log_in(client, user, next_url=""):
    from tests.factories import PASSWORD

    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    response = client.post(url, {"login": user.email, "password": PASSWORD, **({"next": next_url} if next_url else {})})
    assert response.status_code == 302
    return response["Location"]


def test_signing_in_lands_on_the_users_own_tasks(client, paper, author, reviewer, chair):
    assert log_in(client, author) == reverse("submissions:dashboard")
    client.logout()
    assert log_in(client, reviewer) == reverse("reviews:my_reviews")
    client.logout()
    assert log_in(client, chair) == reverse("reviews:chair_panels")
    client.logout()
    assert log_in(client, UserFactory()) == reverse("home")  # nothing to do yet: the calls


def test_a_page_to_go_back_to_wins_over_the_tasks(client, paper, author):
    assert log_in(client, author, next_url=reverse("profile")) == reverse("profile")


def test_after_a_decision_the_authors_dashboard_leads_to_it_the_reviews_and_the_camera_ready(client, paper, author):
    import datetime

    from django.utils import timezone

    paper.state = "accepted"
    paper.save()
    paper.panel.camera_ready_deadline = timezone.now() + datetime.timedelta(days=10)
    paper.panel.save()
    client.force_login(author)
    response = client.get(reverse("submissions:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    decision_url = reverse("reviews:author_decision", kwargs={"code": paper.code})
    assert f'href="{decision_url}">Read the decision and the reviews' in body
    assert f'href="{decision_url}#camera-ready-heading">Upload the camera-ready copy' in body
    paper.state = "rejected"
    paper.save()
    body = client.get(reverse("submissions:dashboard")).content.decode()
    assert "Read the decision and the reviews" in body and "Upload the camera-ready copy" not in body


def test_the_country_lists_offer_a_filter_to_the_script_and_work_without_it(client, panel, author):
    client.force_login(author)
    author.language = "pt-br"
    author.save()
    response = client.get(reverse("submissions:create", kwargs={"conference_slug": panel.conference.slug,
                                                                "panel_slug": panel.slug}))
    body = response.content.decode()
    assert response.status_code == 200
    select = re.search(r'<select name="authors-0-country"[^>]*>', body).group(0)
    assert 'data-filter-text="Digite para filtrar a lista"' in select, select
    assert '<option value="BR">Brasil</option>' in body  # a plain select underneath
    assert "/static/portal/filter-select.js" in body
