"""Hooks into django-allauth: its mails go through the outbox like every other
mail, and an ORCID sign-in fills the profile's ORCID iD."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import clean_client_ip
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from portal.landing import landing_url
from portal.mail.queue import outbox_add
from portal.models import User
from portal.site import site_name
from portal.validators import normalise_orcid


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """The client's address for the rate limits. allauth refuses (a server
        error) a request whose X-Forwarded-For has fewer addresses than
        ALLAUTH_TRUSTED_PROXY_COUNT, e.g. one sent to the inner proxy directly,
        past the TLS one: the first address, appended by a proxy of ours, is
        then the client as far as we can know."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            first = request.headers.get("x-forwarded-for", "").split(",")[0].strip()
            return clean_client_ip(first) or request.META.get("REMOTE_ADDR")

    def get_login_redirect_url(self, request):
        """After signing in with no page to go back to: the user's own tasks (portal.landing)."""
        return landing_url(request.user)

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        if not isinstance(user, User) or user.pk is None:
            user = User.objects.filter(email=email.lower()).first()
        language = user.language if user else translation.get_language()
        # allauth's templates greet from current_site ("Hello from ...!"), which its own send_mail adds.
        site = SimpleNamespace(name=site_name(language), domain=urlsplit(settings.SITE_URL).netloc)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, {"email": email, "current_site": site, **context})
        body_html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "",
        )
        outbox_add(
            to_email=email,
            to_user=user,
            language=language,
            template=template_prefix.rsplit("/", 1)[-1],
            subject=message.subject,
            body_text=message.body,
            body_html=body_html,
            related=user,
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        if sociallogin.account.provider == "orcid":
            user.orcid = normalise_orcid(sociallogin.account.uid)
            names = [data.get("first_name") or "", data.get("last_name") or ""]
            user.full_name = user.full_name or " ".join(part for part in names if part)
        user.language = translation.get_language() or user.language
        return user
