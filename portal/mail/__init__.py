"""Mail, the one path every mail of the portal takes (README, "Mail").

- `queue`: the queueing API (`mail_queue`, `mail_queue_many`,
  `mail_queue_bulk`, `mail_preview`, `Recipient`): an outbox row per mail,
  rendered in the recipient's language, handed over after the commit.
- `tasks`: hands rows to Celery (`dispatch*`) and the Celery tasks that
  deliver them.
- `delivery`: claims, sends and marks a row; the sweeper.
- `wording`: placeholders and the mails whose wording chairs may change.
- `selectors`, `services`, `forms`, `views`, `urls`: the outbox, batch and
  wording pages.

The layers point one way: queue → tasks → delivery → portal.models; none
imports back up. This package is an installed app (templates, the
`send_queued_mail` command and Celery's discovery of its tasks), so this
module imports nothing: an app's package is imported before the models are.
"""
