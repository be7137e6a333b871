"""A real SMTP server in the test process (aiosmtpd) that records what arrives.

    with SmtpSink() as sink:      # or the `smtp_sink` fixture
        ... EMAIL_URL=sink.url ...
        sink.wait_for_distinct(1000, timeout=60)
        assert sink.repeats() == 0

`refuse_for(seconds)` makes it answer 451 (try again later) to every message
for a while, as a mail server under load or greylisting does;
`reject_for(seconds)` answers 550 (a permanent refusal) instead.
"""

import collections
import email
import logging
import email.policy
import threading
import time
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller

from tests.support.ports import free_port


@dataclass(frozen=True)
class Arrival:
    message_id: str
    recipients: tuple[str, ...]
    subject: str
    body: str


logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO


class SmtpSink:
    def __init__(self):
        self.port = free_port()
        self._lock = threading.Lock()
        self.arrivals: list[Arrival] = []
        self.refused = 0
        self._refuse_until = 0.0
        self._reject_until = 0.0
        self.rejected = 0
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?timeout=5"

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()

    def refuse_for(self, seconds: float) -> None:
        self._refuse_until = time.monotonic() + seconds

    def reject_for(self, seconds: float) -> None:
        self._reject_until = time.monotonic() + seconds

    async def handle_DATA(self, server, session, envelope):
        if time.monotonic() < self._reject_until:
            with self._lock:
                self.rejected += 1
            return "550 5.7.1 Message refused by policy"
        if time.monotonic() < self._refuse_until:
            with self._lock:
                self.refused += 1
            return "451 4.3.0 Too busy, try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        arrival = Arrival(
            message_id=str(message["Message-ID"]),
            recipients=tuple(envelope.rcpt_tos),
            subject=str(message["Subject"]),
            body=part.get_content() if part is not None else "",
        )
        with self._lock:
            self.arrivals.append(arrival)
        return "250 2.0.0 Accepted"

    def message_ids(self) -> collections.Counter:
        with self._lock:
            return collections.Counter(arrival.message_id for arrival in self.arrivals)

    def repeats(self) -> int:
        return sum(count - 1 for count in self.message_ids().values())

    def wait_for_distinct(self, count: int, *, timeout: float, while_waiting=None) -> int:
        """Wait until `count` different Message-IDs arrived (or `timeout`); how many did."""
        deadline = time.monotonic() + timeout
        while True:
            arrived = len(self.message_ids())
            if arrived >= count or time.monotonic() > deadline:
                return arrived
            if while_waiting is not None:
                while_waiting()
            time.sleep(0.2)


@pytest.fixture
def smtp_sink():
    with SmtpSink() as sink:
        yield sink
