from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from portal import selectors
from portal.forms import ProfileForm, supported_language
from portal.middleware import KEPT_ZONE_COOKIE
from portal.moments import valid_zone, zone_name


def home(request):
    """The list of calls open for submissions."""
    return render(request, "portal/home.html", {"open_panels": selectors.open_calls(), "now": timezone.now()})


# What crawlers may index: the calls for papers (and the home page that lists
# them). Everything behind a login stays out, and so do the call's own private
# pages (the submission form, the chairs' message to authors).
ROBOTS_ALLOWED = ("/calls/",)
ROBOTS_DISALLOWED = (
    "/calls/*/*/submit/", "/calls/*/*/message-authors/",
    "/submissions/", "/reviews/", "/accounts/", "/mail/", "/admin/", "/profile/", "/language/",
)


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """The crawlers' rules, served by Django: no query, no template (the benchmark's ceiling)."""
    lines = ["User-agent: *", *(f"Allow: {path}" for path in ROBOTS_ALLOWED),
             *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def call(request, conference_slug, panel_slug):
    """A call for papers as its chairs wrote it, with its deadlines and rules."""
    panel = selectors.published_panel(conference_slug, panel_slug)
    return render(request, "portal/call.html", {"panel": panel, "conference": panel.conference})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(request, "portal/profile.html", {"form": form})


@login_required
@require_POST
def set_time_zone(request):
    """The offer to save the browser's time zone: saved in the profile, or
    declined (remembered in a cookie, so that it is not offered again)."""
    zone = valid_zone(request.POST.get("time_zone"))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("home")
    response = redirect(next_url)
    if zone is None:
        messages.error(request, _("That time zone is not known; your profile keeps its own."))
    elif request.POST.get("choice") == "keep":
        response.set_cookie(KEPT_ZONE_COOKIE, zone, max_age=365 * 24 * 3600, samesite="Lax")
    else:
        request.user.time_zone = zone
        request.user.save(update_fields=["time_zone"])
        messages.success(request, _("Times are now shown in %(zone)s.") % {"zone": zone_name(zone)})
    return response


@require_safe
@cache_control(public=True, max_age=7 * 86400)
def favicon(request):
    """Browsers ask every site for /favicon.ico: the portal's icon (static/portal/favicon.ico)."""
    return FileResponse(open(finders.find("portal/favicon.ico"), "rb"), content_type="image/x-icon")


@require_POST
def set_language(request):
    """The footer's language switch: remembered in a cookie, and in the profile of a signed-in user."""
    if request.user.is_authenticated:
        language = supported_language(request.POST.get("language"))
        if language != request.user.language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return django_set_language(request)
