"""What the reviewing views share besides their lookups (reviews.lookups)."""


def panel_url_kwargs(panel) -> dict:
    """The URL arguments of a panel's pages."""
    return {"conference": panel.conference.slug, "panel": panel.slug}
