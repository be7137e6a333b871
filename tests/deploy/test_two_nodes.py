"""Two web nodes, as a conference that outgrew one machine runs them: two
gunicorn instances on different ports and a Celery worker beside each, sharing
one PostgreSQL (the test database), one Redis (broker and cache, a
redis-server of the test's own) and one S3-compatible store (moto's server
mode on loopback). Nothing a node keeps for itself may matter: a session and
the log-in limits follow the user from one node to the other, a paper
uploaded on one is downloaded from the other, and mail queued on one is sent
exactly once by the workers of both."""

import threading
from datetime import timedelta

import boto3
import pytest
import requests
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from portal.models import OutboundMail
from submissions.models import Submission
from tests.factories import PASSWORD, UserFactory
from tests.pdfs import seed_paper_bytes
from tests.support.gunicorn import LOOPBACK_HTTP, Gunicorn
from tests.support.journey import call, post, save_draft, saved_code, signed_in  # noqa: F401  (call: a fixture)
from tests.support.ports import free_port
from tests.support.redis import own_redis  # noqa: F401  (a fixture)
from tests.support.smtp import smtp_sink  # noqa: F401  (a fixture)
from tests.support.worker import CeleryWorker, ManageCommand, portal_environment, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
BUCKET = "conference-papers"
MAILS = 40


@pytest.fixture
def s3_store():
    """moto's S3 server on a loopback port, with an empty private bucket."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id="testing",
                 aws_secret_access_key="testing").create_bucket(Bucket=BUCKET)
    yield url
    server.stop()


def queued_mails(count: int) -> list[OutboundMail]:
    """Mail rows as a node queued them a minute ago while its broker was away: due, never handed
    to a worker (the sweepers of both nodes will)."""
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    return OutboundMail.objects.bulk_create(
        OutboundMail(to_email=f"reader{n}@example.org", template="panel_message", subject=f"Programme note {n}",
                     body_text=f"Note {n}.", created_at=a_minute_ago, next_attempt_at=a_minute_ago)
        for n in range(count)
    )


def test_two_nodes_share_sessions_limits_papers_and_mail(call, own_redis, smtp_sink, s3_store, tmp_path):
    env = portal_environment(
        broker_url=own_redis.url(0), CACHE_URL=own_redis.url(1), EMAIL_URL=smtp_sink.url, STATIC_ROOT=call["static"],
        MEDIA_STORAGE="s3", S3_BUCKET=BUCKET, S3_ENDPOINT_URL=s3_store, S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID="testing", S3_SECRET_ACCESS_KEY="testing", S3_ADDRESSING_STYLE="path",
        PRIVATE_MEDIA_ROOT=tmp_path / "not-used", MAIL_SWEEP_AFTER="1", **LOOPBACK_HTTP,
    )
    with Gunicorn(env, workers=1) as node_a, Gunicorn(env, workers=1) as node_b, \
            CeleryWorker(env, name="node-a-worker") as worker_a, CeleryWorker(env, name="node-b-worker") as worker_b:
        assert requests.get(node_b.url + "/healthz", timeout=10).json()["checks"]["storage"]["state"] == "ok"

        # A session opened on node A is the same session on node B (cookies do not carry the port).
        browser = signed_in(node_a.url, call["user"])
        dashboard = browser.get(node_b.url + reverse("submissions:dashboard"), allow_redirects=False, timeout=30)
        assert dashboard.status_code == 200 and call["user"].full_name in dashboard.text

        # A paper uploaded through node A is downloaded, byte for byte, through node B.
        code = saved_code(save_draft(browser, node_a.url, call["panel"], "Uploaded on A, read on B"))
        download = browser.get(node_b.url + reverse("submissions:download", kwargs={
            "code": code, "kind": "paper", "version": 1}), timeout=30)
        assert download.status_code == 200 and download.content == seed_paper_bytes()
        assert not (tmp_path / "not-used").exists()  # no node kept the file on its own disk

        # Failed log-ins counted on both nodes lock the account on both: three on each stay under the
        # limit of five per account that a node counting alone would apply.
        # The proxy in front passes the public Host to every node (allauth keys the account's
        # counter on it); here both nodes are asked for "localhost", as the proxy would.
        target = UserFactory(email="hammered@example.org")
        attacker = requests.Session()
        attacker.headers["Host"] = "localhost"
        for attempt in range(6):
            node = (node_a, node_b)[attempt % 2]
            attacker.get(node.url + reverse("account_login"), timeout=30)
            post(attacker, node.url + reverse("account_login"), {"login": target.email, "password": "wrong"})
        refused = post(attacker, node_a.url + reverse("account_login"), {"login": target.email, "password": PASSWORD})
        assert "Too many failed login attempts" in refused.text

        # Mail queued by one node is handed over by the sweepers of both, and sent once.
        rows = queued_mails(MAILS)
        sweeps = [ManageCommand(env, "send_queued_mail", "--once") for _node in (node_a, node_b)]
        starting = [threading.Thread(target=sweep.start) for sweep in sweeps]
        for thread in starting:
            thread.start()
        for thread in starting:
            thread.join()
        wait_until(lambda: OutboundMail.objects.filter(state=OutboundMail.State.SENT).count() >= MAILS,
                   timeout=60, message="mail left unsent")
        logs = worker_a.log(), worker_b.log()
        for sweep in sweeps:
            sweep.stop()

    assert smtp_sink.repeats() == 0
    assert {mail.message_id for mail in rows} <= set(smtp_sink.message_ids())
    assert all("succeeded" in log for log in logs), "each node's worker delivered some of the mail"
    assert Submission.objects.filter(code=code).exists()
