from django import template

from portal.markdown import render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Chairs' Markdown as sanitised HTML (portal.markdown)."""
    return render(text)
