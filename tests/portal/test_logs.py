"""Logs are JSON lines that say which request or task wrote them."""

import io
import json
import logging

import pytest

from portal.logs import ContextFilter, PortalJsonFormatter
from portal.models import OutboundMail


@pytest.fixture
def log_lines():
    """The JSON lines the portal's own handler writes, read back as dicts."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(PortalJsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_the_proxys_request_id_is_kept_returned_and_logged(client, db, log_lines):
    response = client.get("/", HTTP_X_REQUEST_ID="edge-7f3a9c")
    assert response["X-Request-ID"] == "edge-7f3a9c"
    [line] = [line for line in log_lines() if line["logger"] == "portal.request"]
    assert line["request_id"] == "edge-7f3a9c"
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", 200)
    assert line["user_id"] is None
    assert "timestamp" in line


def test_without_a_request_id_the_portal_makes_one(client, author, log_lines):
    client.force_login(author)
    response = client.get("/profile/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = [line for line in log_lines() if line["logger"] == "portal.request"]
    assert line["request_id"] == request_id
    assert line["user_id"] == author.pk


@pytest.mark.parametrize("sent", ["has spaces", "x" * 300, "line\nbreak", "<script>"])
def test_a_request_id_that_does_not_look_like_one_is_replaced(client, db, sent):
    returned = client.get("/", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert returned != sent
    assert len(returned) == 32


def test_two_requests_get_different_ids_and_nothing_leaks_between_them(client, db, log_lines):
    first = client.get("/")["X-Request-ID"]
    second = client.get("/")["X-Request-ID"]
    assert first != second
    logging.getLogger("portal.test").info("outside any request")
    assert "request_id" not in log_lines()[-1]


def test_mail_delivery_task_logs_carry_the_task_id_and_the_outbox_row(db, log_lines):
    from portal.mail.tasks import deliver_mail

    mail = OutboundMail.objects.create(to_email="author@example.org", template="x", subject="Hello", body_text="Hi")
    result = deliver_mail.apply(args=(mail.pk,))
    task_lines = [line for line in log_lines() if line.get("task_name") == "portal.tasks.deliver_mail"]
    assert task_lines, "the task wrote no log line"
    for line in task_lines:
        assert line["task_id"] == result.id
        assert line["outbox_id"] == mail.pk
    logging.getLogger("portal.test").info("after the task")
    assert "task_id" not in log_lines()[-1]


def test_settings_log_json_to_stdout_unless_told_otherwise():
    from django.conf import settings

    handler = settings.LOGGING["handlers"]["stdout"]
    assert handler["stream"] == "ext://sys.stdout"
    assert handler["formatter"] == "json"


def test_a_refused_request_is_logged_as_a_warning(client, db, log_lines):
    client.get("/no-such-page/")
    [line] = [line for line in log_lines() if line["logger"] == "portal.request"]
    assert (line["status"], line["level"]) == (404, "WARNING")
