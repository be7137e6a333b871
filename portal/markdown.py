"""The call's text: Markdown written by its chairs, rendered to HTML that
carries no markup of theirs.

markdown-it-py renders CommonMark with raw HTML off (a tag typed in the text
comes out as text), then nh3 keeps only the tags and attributes a call needs,
so no script, event handler or javascript: link reaches the page even if the
renderer let one through. `forbidden_markup` tells the editor what to refuse
next to the field, so that what the chairs see is what they wrote.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

_SCRIPT = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style)\b", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"(\]\(\s*<?|\]:\s*<?|<)\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-z][a-z0-9]*(\s[^>]*)?/?>", re.IGNORECASE)


def forbidden_markup(text: str) -> str | None:
    """Why this text cannot be a call's text, or None."""
    if _SCRIPT.search(text):
        return _("The text may not contain scripts or embedded content (<script>, <iframe>, <style> …).")
    if _EVENT_HANDLER.search(text):
        return _("The text may not contain HTML with event handlers (onclick=, onerror= …).")
    if _SCRIPT_URL.search(text):
        return _("Links may only use http:, https: or mailto: addresses.")
    if _ANY_TAG.search(text):
        return _("Write the text in Markdown: HTML tags are not allowed.")
    return None


def render(text: str) -> SafeString:
    """The text as sanitised HTML: headings start at level 2 under the page's title."""
    html = _renderer.render(text or "")
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="nofollow noopener")
    return mark_safe(clean)  # noqa: S308 -- sanitised by nh3 just above
