"""The outbox on its own: queued in the change's transaction, delivered once,
retried with backoff, failed with a reason, swept when its task is lost."""

import datetime
import smtplib
import socket
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.mail import delivery
from portal.mail.queue import Recipient, mail_queue, mail_queue_bulk
from portal.mail.delivery import Outcome, is_temporary, outbox_deliver, outbox_sweep, retry_delay
from portal.models import OutboundMail
from tests.factories import UserFactory
from tests.support.broker import celery_broker
from tests.support.mailtemplates import own_mail_templates  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("own_mail_templates")]
State = OutboundMail.State


def notice(to, **context):
    return mail_queue(to=to, template="test_notice", context={"name": "Ana", "deadline": datetime.date(2026, 1, 15),
                                                                 **context})


class FailingBackend:
    """An email backend whose every send raises `error` (set by the test)."""

    error: Exception = ConnectionRefusedError(111, "Connection refused")

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise FailingBackend.error

    def open(self):
        return True

    def close(self):
        pass


@pytest.fixture
def failing_smtp(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    yield FailingBackend
    FailingBackend.error = ConnectionRefusedError(111, "Connection refused")


def test_a_mail_goes_out_after_the_commit_with_the_message_id_of_its_row(author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            row = notice(author)
            assert mail.outbox == []  # nothing leaves before the change is committed
    row.refresh_from_db()
    assert row.state == State.SENT and row.sent_at and row.attempts == 1
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id


def test_a_rolled_back_change_queues_nothing(author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notice(author)
            raise RuntimeError("the change fails")
    assert not OutboundMail.objects.exists()
    assert callbacks == [] and mail.outbox == []


def test_the_recipients_language_picks_the_words_of_the_mail(django_capture_on_commit_callbacks):
    people = [UserFactory(email=f"{code}@example.org", language=code) for code in ("en", "pt-br", "es")]
    with django_capture_on_commit_callbacks(execute=True):
        for person in people:
            notice(person)
    by_language = {row.language: row for row in OutboundMail.objects.all()}
    assert "Deadline month: January; answer: yes." in by_language["en"].body_text
    assert "Deadline month: Janeiro; answer: sim." in by_language["pt-br"].body_text
    assert "Deadline month: enero; answer: sí." in by_language["es"].body_text
    assert by_language["pt-br"].subject == "Notice for pt-br@example.org (pt-br)"


def test_plain_text_is_not_html_escaped_but_html_is(author, django_capture_on_commit_callbacks):
    row = notice(author, name="Ana <Lopes> & Silva")
    assert "Hello Ana <Lopes> & Silva & co." in row.body_text
    assert "Hello Ana &lt;Lopes&gt; &amp; Silva &amp; co." in row.body_html


def test_a_mail_about_a_panel_names_its_conference_and_call(author, panel):
    row = mail_queue(to=author, template="test_notice", panel=panel,
                     context={"name": "Ana", "deadline": datetime.date(2026, 1, 15)})
    call_url = django_settings.SITE_URL + panel.get_absolute_url()
    assert f"{panel.conference.name} · {panel.title}\n{call_url}" in row.body_text
    assert f'href="{call_url}"' in row.body_html


def test_a_failing_smtp_server_never_fails_the_change_and_the_row_waits_to_be_retried(
    author, failing_smtp, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        row = notice(author)
    row.refresh_from_db()
    assert row.state == State.QUEUED and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at > timezone.now() + datetime.timedelta(seconds=retry_delay(1) - 5)


def test_a_permanent_refusal_fails_the_row_at_once(author, failing_smtp, django_capture_on_commit_callbacks):
    failing_smtp.error = smtplib.SMTPRecipientsRefused({author.email: (550, b"5.1.1 No such user")})
    with django_capture_on_commit_callbacks(execute=True):
        row = notice(author)
    row.refresh_from_db()
    assert row.state == State.FAILED and row.attempts == 1
    assert "No such user" in row.last_error


def test_a_row_fails_for_good_after_the_last_attempt(author, failing_smtp, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    row = notice(author)
    outcomes = []
    for _attempt in range(3):
        outcomes.append(outbox_deliver(row.pk).outcome)
        OutboundMail.objects.filter(pk=row.pk, state=State.QUEUED).update(next_attempt_at=timezone.now())
    row.refresh_from_db()
    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.FAILED]
    assert row.state == State.FAILED and row.attempts == 3


@pytest.mark.parametrize("error, temporary", [
    (smtplib.SMTPResponseException(451, b"4.3.0 Try again later"), True),
    (smtplib.SMTPDataError(452, b"Insufficient storage"), True),
    (smtplib.SMTPServerDisconnected("gone"), True),
    (ConnectionRefusedError(111, "refused"), True),
    (socket.timeout("timed out"), True),
    (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"mailbox busy")}), True),
    (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), False),
    (smtplib.SMTPDataError(554, b"Message rejected"), False),
    (smtplib.SMTPSenderRefused(553, b"not allowed", "noreply@localhost"), False),
    (ValueError("a header with a newline"), False),
])
def test_temporary_and_permanent_errors(error, temporary):
    assert is_temporary(error) is temporary


def test_the_backoff_doubles_up_to_its_ceiling(settings):
    settings.MAIL_RETRY_BASE_DELAY = 60
    settings.MAIL_RETRY_MAX_DELAY = 1800
    assert [retry_delay(n) for n in range(1, 8)] == [60, 120, 240, 480, 960, 1800, 1800]


def test_a_task_waiting_for_its_retry_is_never_handed_to_a_second_worker_by_redis():
    """Redis gives an unacknowledged task to another worker after the visibility
    timeout; a retry's countdown plus the run itself must stay below it."""
    largest_countdown = max(retry_delay(n) for n in range(1, django_settings.MAIL_MAX_ATTEMPTS))
    visibility_timeout = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert largest_countdown + django_settings.CELERY_TASK_TIME_LIMIT < visibility_timeout
    assert django_settings.MAIL_SENDING_STALE_AFTER > django_settings.CELERY_TASK_TIME_LIMIT


def test_only_one_of_two_deliveries_of_the_same_row_sends(author):
    row = notice(author)
    assert [outbox_deliver(row.pk).outcome, outbox_deliver(row.pk).outcome] == [Outcome.SENT, Outcome.SKIPPED]
    assert len(mail.outbox) == 1


def test_a_row_claimed_by_another_worker_is_not_sent(author):
    row = notice(author)
    assert delivery.outbox_claim(row.pk) is not None
    assert outbox_deliver(row.pk).outcome is Outcome.SKIPPED
    assert mail.outbox == []


def age(row, **fields):
    OutboundMail.objects.filter(pk=row.pk).update(**fields)


def test_the_sweeper_hands_over_rows_whose_task_or_worker_was_lost(author, settings):
    settings.MAIL_SWEEP_AFTER = 300
    settings.MAIL_SENDING_STALE_AFTER = 400
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    fresh, lost_task, lost_worker, busy, in_backoff = (notice(author) for _ in range(5))
    age(lost_task, next_attempt_at=long_ago)
    age(lost_worker, state=State.SENDING, claimed_at=long_ago, attempts=1)
    age(busy, state=State.SENDING, claimed_at=timezone.now(), attempts=1)
    age(in_backoff, next_attempt_at=timezone.now() + datetime.timedelta(minutes=5), attempts=1)

    assert sorted(outbox_sweep()) == sorted([lost_task.pk, lost_worker.pk])
    lost_worker.refresh_from_db()
    assert lost_worker.state == State.QUEUED and lost_worker.claimed_at is None
    assert outbox_sweep() == []  # handed over once, not at every sweep


def test_the_sweeper_gives_up_on_a_row_whose_worker_died_on_every_attempt(author, settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    row = notice(author)
    age(row, state=State.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=1), attempts=2)
    assert outbox_sweep() == []
    row.refresh_from_db()
    assert row.state == State.FAILED and "worker stopped" in row.last_error


def test_send_queued_mail_delivers_due_rows_itself_with_direct(author, capsys):
    rows = [notice(author) for _ in range(3)]  # never dispatched: no commit in this test
    call_command("send_queued_mail", "--once", "--direct")
    assert {message.extra_headers["Message-ID"] for message in mail.outbox} == {row.message_id for row in rows}
    assert "Sent 3" in capsys.readouterr().out


def refusing_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_send_queued_mail_sends_itself_when_the_broker_is_down(author, settings):
    settings.MAIL_SWEEP_AFTER = 60
    row = notice(author)
    age(row, next_attempt_at=timezone.now() - datetime.timedelta(minutes=5))
    with celery_broker(f"redis://127.0.0.1:{refusing_port()}/0"):
        call_command("send_queued_mail", "--once")
    row.refresh_from_db()
    assert row.state == State.SENT
    assert [message.extra_headers["Message-ID"] for message in mail.outbox] == [row.message_id]


@pytest.fixture
def silent_broker():
    """A TCP server that accepts connections and never answers: a hung Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_broker_that_hangs_only_delays_the_mail(author, silent_broker, django_capture_on_commit_callbacks):
    with celery_broker(silent_broker, transport_options={"socket_timeout": 1, "socket_connect_timeout": 1}):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            row = notice(author)
        elapsed = time.monotonic() - started
    assert elapsed < 5
    row.refresh_from_db()
    assert row.state == State.QUEUED and row.attempts == 0


def test_a_batch_is_one_row_per_recipient_written_in_one_go(panel, chair, django_assert_max_num_queries):
    people = [UserFactory(email=f"person{n}@example.org", language="es") for n in range(20)]
    recipients = [Recipient(to=person.email, context={"name": person.full_name, "deadline": datetime.date(2026, 3, 1)})
                  for person in people]
    recipients.append(Recipient(to="no-account@example.org", context={"name": "X", "deadline": datetime.date(2026, 3, 1)}))
    with django_assert_max_num_queries(12):
        batch = mail_queue_bulk(template="test_notice", recipients=recipients, panel=panel, by=chair,
                                description="A test batch")
    rows = list(batch.mails.order_by("id"))
    assert batch.size == len(rows) == 21
    assert {row.to_email for row in rows} == {person.email for person in people} | {"no-account@example.org"}
    assert all("marzo" in row.body_text for row in rows[:20])


def test_beat_sweeps_the_outbox_on_the_schedule_of_the_settings():
    from portal.celery import app

    entry = django_settings.CELERY_BEAT_SCHEDULE["sweep-the-outbox"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == django_settings.MAIL_SWEEP_INTERVAL


def test_the_beat_task_hands_over_lost_rows(author, settings):
    from portal.mail.tasks import sweep_outbox

    settings.MAIL_SWEEP_AFTER = 60
    row = notice(author)
    age(row, next_attempt_at=timezone.now() - datetime.timedelta(minutes=5))
    assert sweep_outbox.apply().get() == 1
    row.refresh_from_db()
    assert row.state == State.SENT


def test_a_sign_up_while_the_smtp_server_is_down_succeeds_and_its_mail_waits(
    client, failing_smtp, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), {
            "email": "new.author@example.org", "full_name": "New Author",
            "password1": "a long enough passphrase", "password2": "a long enough passphrase",
        })
    assert response.status_code == 302
    row = OutboundMail.objects.get(to_email="new.author@example.org")
    assert row.state == State.QUEUED and "Connection refused" in row.last_error


def test_send_queued_mail_loops_until_its_bound(author, capsys):
    notice(author)
    call_command("send_queued_mail", "--direct", "--loops", "2", "--interval", "0.01")
    assert len(mail.outbox) == 1 and capsys.readouterr().out.count("Sent 1") == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweepers_never_take_the_same_row(author, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    settings.MAIL_SWEEP_AFTER = 60
    rows = [notice(author) for _ in range(4)]  # delivered at once (no transaction around them): re-queue them
    OutboundMail.objects.update(state=State.QUEUED, sent_at=None,
                                next_attempt_at=timezone.now() - datetime.timedelta(minutes=5))
    taken_by_other = []

    def other_sweeper():
        try:
            taken_by_other.extend(outbox_sweep())
        finally:
            connection.close()

    with transaction.atomic():  # this sweeper holds two rows while the other runs
        held = list(OutboundMail.objects.select_for_update().filter(pk__in=[rows[0].pk, rows[1].pk]))
        thread = threading.Thread(target=other_sweeper)
        thread.start()
        thread.join(timeout=20)
    assert len(held) == 2 and sorted(taken_by_other) == sorted([rows[2].pk, rows[3].pk])


def test_start_up_refuses_retries_longer_than_redis_keeps_a_task_invisible():
    from tests.portal.test_settings import load_settings

    result = load_settings(DEBUG="1", MAIL_RETRY_MAX_DELAY="3500", CELERY_VISIBILITY_TIMEOUT="3600")
    assert result.returncode != 0 and "CELERY_VISIBILITY_TIMEOUT must exceed" in result.stderr
    assert load_settings(DEBUG="1", MAIL_RETRY_MAX_DELAY="3500", CELERY_VISIBILITY_TIMEOUT="7200").returncode == 0
