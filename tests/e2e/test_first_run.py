"""Issue 17's first-run fixes in a browser: the country list filters as one types."""

import pytest

from sampledata.demo import demo_load
from tests.e2e.helpers import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_typing_part_of_a_country_picks_it(phone, live_server):
    panel, _logins = demo_load()
    author = UserFactory(email="ana.autora@ufabc.example.org", full_name="Ana Autora")
    log_in(phone, author.email)
    phone.goto(f"/calls/{panel.conference.slug}/{panel.slug}/submit/")
    country = phone.locator("select[name=authors-0-country]")
    phone.locator(".select-filter").first.fill("brazi")
    assert country.input_value() == "BR"
    hidden = phone.evaluate("Array.from(document.querySelector('select[name=authors-0-country]').options)"
                            ".filter(o => !o.hidden).map(o => o.value)")
    assert "BR" in hidden and "AR" not in hidden


def test_authors_are_reordered_with_move_up_and_the_positions_follow(phone, live_server):
    panel, _logins = demo_load()
    author = UserFactory(email="ana.autora@ufabc.example.org", full_name="Ana Autora")
    log_in(phone, author.email)
    phone.goto(f"/calls/{panel.conference.slug}/{panel.slug}/submit/")
    assert not phone.locator("input[name=authors-0-ORDER]").is_visible()  # the script hides the numbers
    phone.get_by_role("button", name="Add another author").click()
    phone.locator("input[name=authors-1-name]").fill("Bruno Segundo")
    phone.locator("input[name=authors-1-email]").fill("bruno@usp.example.org")
    phone.locator("input[name=authors-1-affiliation]").fill("USP")
    phone.locator(".formset-row").nth(1).get_by_role("button", name="↑ Move up").click()
    assert phone.locator(".formset-row").first.locator("input[name$=-name]").input_value() == "Bruno Segundo"
    assert phone.locator("input[name=authors-1-ORDER]").input_value() == "1"  # Bruno, now first
    assert phone.locator("input[name=authors-0-ORDER]").input_value() == "2"
