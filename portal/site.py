"""The portal's name as each reader reads it: SITE_NAME_<LANGUAGE> (for
example SITE_NAME_PT_BR) if the operator gave one for their language, else
SITE_NAME, else "Conference portal" translated."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext


def site_name(language: str | None = None) -> str:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if name := settings.SITE_NAMES.get(language):
        return name
    if settings.SITE_NAME:
        return settings.SITE_NAME
    with translation.override(language):
        return gettext("Conference portal")
