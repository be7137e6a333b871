"""Moments in templates, written by portal.moments (the reader's zone named,
the call's zone beside a deadline):

    {% load moments %}
    {% show_deadline panel.submission_deadline panel.conference %}   a page: <time> and the call's zone
    {% show_moment version.uploaded_at %}                            a page: <time>
    {% blocktranslate with moment=review.submitted_at|moment %}…     text, for sentences and mails
    {{ panel.review_deadline|deadline:panel.conference }}
"""

from django import template

from portal import moments

register = template.Library()


@register.filter
def moment(value):
    return moments.moment_text(value)


@register.filter
def moment_short(value):
    return moments.moment_text(value, short=True)


@register.filter
def deadline(value, conference):
    return moments.deadline_text(value, conference)


@register.filter
def zone_name(value):
    return moments.zone_name(value)


@register.filter
def time_left(value):
    """"3 days, 4 hours" until a moment still ahead; "" once it has passed."""
    return moments.time_left(value)


@register.simple_tag
def show_deadline(value, conference):
    return moments.deadline_html(value, conference)


@register.simple_tag
def show_moment(value, short=False):
    return moments.moment_html(value, short=short)
