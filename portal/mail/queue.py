"""The one path every notification mail takes.

A change that must be reported calls `mail_queue` (`mail_queue_many` for the
few mails of one change, `mail_queue_bulk` for a mailing to many recipients)
inside its own transaction. That writes OutboundMail rows, rendered in each recipient's language and time zone, and once the transaction
commits hands them to Celery. A rolled-back change therefore sends nothing,
and a broker that is down only delays the mail: the rows stay queued until a
sweeper hands them over again (portal.mail.tasks hands rows to Celery,
portal.mail.delivery sends them).

For a mail chairs may reword (an EditableMail an app registered, see
portal.mail.wording), pass `panel=` and
`context={"placeholders": THE_MAIL.values(...)}`: the panel's wording is used
when it has one, else the standard template files.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from portal.mail.tasks import dispatch, dispatch_batch, dispatch_many
from portal.mail.wording import EDITABLE_MAILS, fill_placeholders
from portal.models import MailBatch, MailTemplateOverride, OutboundMail, User
from portal.site import site_name


@dataclass
class Recipient:
    """One addressee of a bulk mail and what its copy says."""

    to: "User | str"
    context: dict = field(default_factory=dict)
    related: object = None
    language: str | None = None  # None: the recipient's own
    language_without_account: str | None = None  # if the address has no account (None: the sender's)


def panel_wording(panel, template: str) -> MailTemplateOverride | None:
    if panel is None or template not in EDITABLE_MAILS:
        return None
    return MailTemplateOverride.objects.filter(panel=panel, template=template).first()


def render_mail(
    *, template: str, context: dict, language: str, time_zone: str, wording: MailTemplateOverride | None = None,
) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a mail in a language.

    The standard text is `templates/mail/<template>.*`; a panel's `wording`
    (with the caller's `placeholders`) replaces it inside the same layout.
    """
    context = {"site_url": settings.SITE_URL, "site_name": site_name(language), **context}
    with translation.override(language), timezone.override(time_zone):
        context["LANGUAGE_CODE"] = language
        if wording is not None and "placeholders" in context:
            # Lazy strings among the values come out in the recipient's language.
            values = {name: str(value) for name, value in context["placeholders"].items()}
            subject = fill_placeholders(wording.subject, values)
            context.update(subject=subject, body=fill_placeholders(wording.body, values))
            body_text = render_plain("mail/_wording.txt", context)
            body_html = render_to_string("mail/_wording.html", context)
        else:
            subject = render_plain(f"mail/{template}.subject.txt", context)
            body_text = render_plain(f"mail/{template}.txt", context)
            try:
                body_html = render_to_string(f"mail/{template}.html", context)
            except TemplateDoesNotExist:
                body_html = ""
    subject = " ".join(subject.split())
    return subject, body_text, body_html


def render_plain(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: "&" stays "&"."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def recipient_of(to: "User | str", known_users: dict[str, User] | None = None) -> tuple[str, User | None]:
    if isinstance(to, User):
        return to.email, to
    email = to.strip().lower()
    if known_users is not None:
        return email, known_users.get(email)
    return email, User.objects.filter(email=email).first()


def mail_time_zone(user: User | None, panel) -> str:
    """The zone a mail is written in: the one the recipient chose, else the
    zone of the call it is about, else UTC; never a browser's guess."""
    if user is not None and user.time_zone:
        return user.time_zone
    return panel.conference.time_zone if panel is not None else settings.TIME_ZONE


def compose(
    *, to, template: str, context: dict, panel=None, related=None, language: str | None = None,
    wording: MailTemplateOverride | None = None, known_users: dict[str, User] | None = None,
    language_without_account: str | None = None,
) -> OutboundMail:
    """An unsaved outbox row for one recipient: what mail_queue stores and a preview shows."""
    email, user = recipient_of(to, known_users)
    language = language or (user.language if user else (
        language_without_account or translation.get_language() or settings.LANGUAGE_CODE))
    time_zone = mail_time_zone(user, panel)
    subject, body_text, body_html = render_mail(
        template=template,
        context={
            "recipient": user, "recipient_email": email, "panel": panel,
            "conference": panel.conference if panel else None,
            "call_url": settings.SITE_URL + panel.get_absolute_url() if panel else "", **context,
        },
        language=language,
        time_zone=time_zone,
        wording=wording,
    )
    return OutboundMail(
        to_email=email, to_user=user, language=language, template=template, subject=subject[:300],
        body_text=body_text, body_html=body_html, panel=panel,
        related_type=ContentType.objects.get_for_model(related) if related is not None else None,
        related_id=related.pk if related is not None else None,
    )


def mail_queue(
    *,
    to: "User | str",
    template: str,
    context: dict | None = None,
    related=None,
    panel=None,
    language: str | None = None,
) -> OutboundMail:
    """Write one outbox row for `to` and dispatch it after the commit."""
    mail = compose(
        to=to, template=template, context=context or {}, panel=panel, related=related, language=language,
        wording=panel_wording(panel, template),
    )
    mail.save()
    transaction.on_commit(lambda: dispatch(mail.pk))
    return mail


def mail_queue_many(*, mails: Iterable[tuple[str, Recipient]], panel=None) -> list[OutboundMail]:
    """Several outbox rows, each (template, recipient), written in one go and
    dispatched after the commit: one query finds the recipients' accounts and
    one insert stores the rows, however many there are. For the few mails of
    one change (a paper's authors); a mailing goes through mail_queue_bulk."""
    mails = list(mails)
    if not mails:
        return []
    known = users_by_email([recipient for _template, recipient in mails])
    wordings = {template: panel_wording(panel, template) for template in {template for template, _r in mails}}
    rows = [
        compose(to=recipient.to, template=template, context=recipient.context, panel=panel,
                related=recipient.related, language=recipient.language, wording=wordings[template],
                known_users=known, language_without_account=recipient.language_without_account)
        for template, recipient in mails
    ]
    OutboundMail.objects.bulk_create(rows)
    transaction.on_commit(lambda: dispatch_many([row.pk for row in rows]))
    return rows


def users_by_email(recipients: list[Recipient]) -> dict[str, User]:
    emails = {r.to.strip().lower() for r in recipients if not isinstance(r.to, User)}
    found = {user.email: user for user in User.objects.filter(email__in=emails)} if emails else {}
    found.update({r.to.email: r.to for r in recipients if isinstance(r.to, User)})
    return found


def mail_preview(*, template: str, recipients: Iterable[Recipient], panel=None) -> list[OutboundMail]:
    """Each recipient's copy, rendered as it would be queued, nothing saved."""
    recipients = list(recipients)
    known = users_by_email(recipients)
    wording = panel_wording(panel, template)
    return [
        compose(to=r.to, template=template, context=r.context, panel=panel, related=r.related,
                language=r.language, wording=wording, known_users=known,
                language_without_account=r.language_without_account)
        for r in recipients
    ]


def mail_queue_bulk(
    *, template: str, recipients: Iterable[Recipient], description: str, panel=None, by=None,
) -> MailBatch:
    """One outbox row per recipient, written in one go, followed as one batch."""
    mails = mail_preview(template=template, recipients=recipients, panel=panel)
    with transaction.atomic():  # the batch and all its rows, or nothing
        batch = MailBatch.objects.create(panel=panel, template=template, description=description[:300],
                                         created_by=by, size=len(mails))
        for mail in mails:
            mail.batch = batch
        OutboundMail.objects.bulk_create(mails, batch_size=500)
        transaction.on_commit(lambda: dispatch_batch(batch.pk))
    return batch


def outbox_add(*, to_email, to_user, language, template, subject, body_text, body_html, related=None, panel=None):
    """Store an already-rendered mail (allauth renders its own) and dispatch it after the commit."""
    mail = OutboundMail.objects.create(
        to_email=to_email,
        to_user=to_user,
        language=language,
        template=template,
        subject=subject[:300],
        body_text=body_text,
        body_html=body_html,
        panel=panel,
        related_type=ContentType.objects.get_for_model(related) if related is not None else None,
        related_id=related.pk if related is not None else None,
    )
    transaction.on_commit(lambda: dispatch(mail.pk))
    return mail
