from django.conf import settings

from portal.middleware import KEPT_ZONE_COOKIE
from portal.moments import zone_name
from portal.site import site_name


def navigation(request):
    return {
        "languages": settings.LANGUAGES,
        "site_name": site_name(),
        **time_zone_offer(request),
    }


def time_zone_offer(request) -> dict:
    """The browser's zone, offered to a signed-in user whose profile says
    another (or none), until they save it or keep their own."""
    browser = getattr(request, "browser_time_zone", None)
    user = getattr(request, "user", None)
    if not browser or user is None or not user.is_authenticated:
        return {}
    if browser == user.time_zone or request.COOKIES.get(KEPT_ZONE_COOKIE) == browser:
        return {}
    return {
        "zone_offer": browser, "zone_offer_name": zone_name(browser),
        "zone_profile_name": zone_name(user.time_zone) if user.time_zone else "",
    }
