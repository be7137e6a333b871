import signal
import time

from django.core.management.base import BaseCommand

from portal.mail.delivery import Outcome, kept_connection, outbox_deliver, outbox_sweep
from portal.mail.tasks import dispatch_many


class Command(BaseCommand):
    help = (
        "Sweeps the outbox: rows whose delivery task was lost are handed to Celery again, or, when the broker "
        "does not answer (or with --direct), sent from here. Runs in a loop unless --once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Sweep once and stop.")
        parser.add_argument("--interval", type=float, default=30, help="Seconds between sweeps (default 30).")
        parser.add_argument("--loops", type=int, default=0, help="Stop after this many sweeps (0: until stopped).")
        parser.add_argument(
            "--direct", action="store_true",
            help="Send every due row from this process, without Celery (no grace period).",
        )

    def handle(self, *args, once=False, interval=30, loops=0, direct=False, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        done = 0
        while not stopping:
            self.sweep(direct=direct)
            done += 1
            if once or (loops and done >= loops):
                break
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(min(0.5, interval))

    def sweep(self, *, direct: bool) -> None:
        ids = outbox_sweep(grace=0 if direct else None)
        if not ids:
            return
        if not direct and dispatch_many(ids):
            self.stdout.write(f"Handed {len(ids)} outbox row(s) to Celery.")
            return
        outcomes = {outcome: 0 for outcome in Outcome}
        for mail_id in ids:
            outcomes[outbox_deliver(mail_id, connection=kept_connection()).outcome] += 1
        self.stdout.write(
            "Sent {sent}, to retry {retry}, failed {failed}, taken by others {skipped}.".format(
                **{outcome.value: count for outcome, count in outcomes.items()}
            )
        )
