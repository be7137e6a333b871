"""Faults under the real stack (lane 2): gunicorn on loopback, PostgreSQL,
a Redis and an SMTP server of the test's own, a Celery worker. Each fault
leaves the user a clear answer (the portal's own 503 page, never a traceback
nor a server's bare page), /healthz names what is down, nothing that got a
success answer is lost once the service is back, and no mail is sent twice.

PostgreSQL "goes away" behind a TCP relay of the test's own
(tests/support/tcpproxy.py): the shared server keeps serving the test itself,
and the portal sees what it would see of a restart (its connections reset,
new ones refused). Redis is a redis-server of the test's own, stopped for 30 s.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.db import connection
from django.urls import reverse

from portal.models import OutboundMail
from submissions.models import PaperFile, Submission
from tests.pdfs import seed_paper_bytes
from tests.support.gunicorn import LOOPBACK_HTTP, Gunicorn
from tests.support.journey import call, post, save_draft, saved_code, signed_in  # noqa: F401  (call: a fixture)
from tests.support.redis import own_redis  # noqa: F401  (a fixture)
from tests.support.smtp import smtp_sink  # noqa: F401  (a fixture)
from tests.support.tcpproxy import TcpProxy
from tests.support.worker import PROJECT, CeleryWorker, portal_environment, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
PORTAL_503 = "The portal is unavailable for a moment"
REDIS_AWAY_SECONDS = 30


def assert_portal_503(response: requests.Response) -> None:
    assert response.status_code == 503, response.text[-1000:]
    assert PORTAL_503 in response.text and "Traceback" not in response.text
    assert response.headers["Retry-After"]


def health(site: str) -> tuple[int, dict]:
    response = requests.get(site + "/healthz", timeout=10)
    return response.status_code, {name: part["state"] for name, part in response.json()["checks"].items()}


def worker_pids(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def test_killed_gunicorn_workers_lose_nothing_that_was_answered(call, tmp_path):
    env = portal_environment(broker_url="", PRIVATE_MEDIA_ROOT=tmp_path / "media", STATIC_ROOT=call["static"],
                             **LOOPBACK_HTTP)
    with Gunicorn(env, workers=2) as web:
        browser = signed_in(web.url, call["user"])
        answers: list = []

        def user_saves(title):
            try:
                answers.append((title, save_draft(browser, web.url, call["panel"], title)))
            except requests.ConnectionError as error:  # behind the proxy: its 502 page (deploy/nginx)
                answers.append((title, error))

        for round_number in range(3):
            saving = threading.Thread(target=user_saves, args=(f"Paper saved while workers die {round_number}",))
            saving.start()
            time.sleep(0.15)
            for pid in worker_pids(web._process.pid):
                os.kill(pid, signal.SIGKILL)  # mid-request, as the OOM killer or a crash would
            saving.join(60)
        wait_until(lambda: len(worker_pids(web._process.pid)) == 2, timeout=30, message="workers not replaced")
        after = save_draft(browser, web.url, call["panel"], "Paper saved after the workers came back")
        assert requests.get(web.url + "/", timeout=30).status_code == 200
        assert health(web.url)[0] == 200

    answered = [saved_code(response) for _title, response in answers
                if isinstance(response, requests.Response) and response.status_code == 302]
    for title, response in answers:
        if isinstance(response, requests.Response) and response.status_code != 302:
            assert response.status_code in (502, 503), f"{title}: {response.status_code} {response.text[-500:]}"
    answered.append(saved_code(after))
    for code in answered:
        submission = Submission.objects.get(code=code)
        assert PaperFile.objects.filter(submission=submission, sha256__isnull=False).exists()


def test_postgresql_away_gives_the_503_page_and_healthz_names_it(call, tmp_path):
    database = connection.settings_dict
    with TcpProxy((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))) as relay:
        password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        env = portal_environment(
            broker_url="", PRIVATE_MEDIA_ROOT=tmp_path / "media", STATIC_ROOT=call["static"], **LOOPBACK_HTTP,
            DATABASE_URL=f"postgres://{database['USER']}{password}@127.0.0.1:{relay.port}/{database['NAME']}",
        )
        with Gunicorn(env, workers=1) as web:
            browser = signed_in(web.url, call["user"])
            before = saved_code(save_draft(browser, web.url, call["panel"], "Saved before the outage"))

            relay.cut()
            assert_portal_503(requests.get(web.url + "/", timeout=30))
            assert_portal_503(save_draft(browser, web.url, call["panel"], "Sent during the outage"))
            status, parts = health(web.url)
            assert status == 503 and parts["database"] == "down" and parts["storage"] == "ok"

            relay.restore()
            assert requests.get(web.url + "/", timeout=30).status_code == 200
            assert health(web.url) == (200, {"database": "ok", "storage": "ok"})
            after = saved_code(save_draft(browser, web.url, call["panel"], "Saved after the outage"))

    assert set(Submission.objects.values_list("title", flat=True)) == {"Saved before the outage",
                                                                       "Saved after the outage"}
    assert {str(code) for code in Submission.objects.values_list("code", flat=True)} == {before, after}


def test_redis_away_for_30_seconds_loses_no_change_and_sends_each_mail_once(call, own_redis, smtp_sink, tmp_path):
    env = portal_environment(
        broker_url=own_redis.url(0), CACHE_URL=own_redis.url(1), EMAIL_URL=smtp_sink.url,
        PRIVATE_MEDIA_ROOT=tmp_path / "media", STATIC_ROOT=call["static"], MAIL_SWEEP_AFTER="1", **LOOPBACK_HTTP,
    )
    with Gunicorn(env, workers=1) as web, CeleryWorker(env, concurrency=1):
        browser = signed_in(web.url, call["user"])
        code = saved_code(save_draft(browser, web.url, call["panel"], "Submitted while Redis is away"))

        own_redis.stop()
        away_since = time.monotonic()
        status, parts = health(web.url)
        assert status == 503 and parts["broker"] == parts["cache"] == "down" and parts["database"] == "ok"
        submitted = post(browser, web.url + reverse("submissions:submit", kwargs={"code": code}), {})
        assert submitted.status_code == 302  # the change is saved; its receipt waits in the outbox
        stranger = requests.Session()
        stranger.get(web.url + reverse("account_login"), timeout=30)
        # Log-in limits live in the cache: the portal's page, not a traceback.
        assert_portal_503(post(stranger, web.url + reverse("account_login"),
                               {"login": "someone@example.org", "password": "wrong"}))
        time.sleep(max(0.0, REDIS_AWAY_SECONDS - (time.monotonic() - away_since)))

        own_redis.start()
        wait_until(lambda: health(web.url)[0] == 200, timeout=15, message="/healthz stayed 503")
        subprocess.run([sys.executable, "manage.py", "send_queued_mail", "--once"], cwd=PROJECT, env=env,
                       check=True, timeout=60, capture_output=True)
        wait_until(lambda: not OutboundMail.objects.exclude(state=OutboundMail.State.SENT).exists(),
                   timeout=45, message="mail left unsent after Redis came back")

    assert Submission.objects.get(code=code).state == Submission.State.SUBMITTED
    sent = OutboundMail.objects.filter(state=OutboundMail.State.SENT)
    assert sent.filter(subject__contains="#").count() >= 2  # the draft's and the submission's receipts
    assert set(smtp_sink.message_ids()) == {mail.message_id for mail in sent}
    assert smtp_sink.repeats() == 0


def test_smtp_answering_4xx_then_5xx_retries_then_fails_the_mail_once(call, own_redis, smtp_sink, tmp_path):
    env = portal_environment(
        broker_url=own_redis.url(0), CACHE_URL=own_redis.url(1), EMAIL_URL=smtp_sink.url,
        PRIVATE_MEDIA_ROOT=tmp_path / "media", STATIC_ROOT=call["static"], MAIL_RETRY_BASE_DELAY="1",
        **LOOPBACK_HTTP,
    )
    # The call's set-up told its chairs of their role through the test's own broker, not this
    # worker's: the counts below are of the mail this journey queues.
    OutboundMail.objects.all().delete()
    with Gunicorn(env, workers=1) as web, CeleryWorker(env, concurrency=1):
        browser = signed_in(web.url, call["user"])
        code = saved_code(save_draft(browser, web.url, call["panel"], "Submitted while SMTP says 451"))
        smtp_sink.refuse_for(4)  # 451: try again later
        submitted = post(browser, web.url + reverse("submissions:submit", kwargs={"code": code}), {})
        assert submitted.status_code == 302  # the user's change does not wait for the mail server
        wait_until(lambda: smtp_sink.refused and OutboundMail.objects.exists() and not OutboundMail.objects.exclude(
            state=OutboundMail.State.SENT).exists(), timeout=40, message="the 451'd mails were not retried and sent")
        assert OutboundMail.objects.filter(attempts__gt=1).exists()
        receipts = OutboundMail.objects.count()

        smtp_sink.reject_for(60)  # 550: refused for good
        uploaded = post(browser, web.url + reverse("submissions:upload", kwargs={"code": code}), {},
                        files={"paper": ("paper-v2.pdf", seed_paper_bytes(), "application/pdf")})
        assert uploaded.status_code == 302
        wait_until(lambda: OutboundMail.objects.count() > receipts
                   and not OutboundMail.objects.filter(state__in=["queued", "sending"]).exists(),
                   timeout=30, message="the 550'd mails were not failed")
        time.sleep(3)  # longer than the retry delay: a failed row is not tried again

    failed = OutboundMail.objects.filter(state=OutboundMail.State.FAILED)
    assert failed.count() == OutboundMail.objects.count() - receipts
    assert all(mail.attempts == 1 and "550" in mail.last_error for mail in failed)
    assert smtp_sink.rejected == failed.count()
    assert Submission.objects.get(code=code).files.count() == 2
    sent = OutboundMail.objects.filter(state=OutboundMail.State.SENT)
    assert sent.count() == receipts
    assert set(smtp_sink.message_ids()) == {mail.message_id for mail in sent}
    assert smtp_sink.repeats() == 0
