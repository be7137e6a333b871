from tests.access.matrix import EVERYONE, SIGNED_IN, Row

ROWS = [
    Row("home", allowed=EVERYONE),
    Row("robots_txt", allowed=EVERYONE),
    Row("favicon", allowed=EVERYONE),
    Row("call", allowed=EVERYONE,
        kwargs=lambda cast: {"conference_slug": cast.panel.conference.slug, "panel_slug": cast.panel.slug}),
    Row("profile", allowed=SIGNED_IN),
    Row("profile", allowed=SIGNED_IN, method="post", data=lambda cast: {"full_name": "A Name", "language": "en", "time_zone": "UTC"}),
    Row("set_time_zone", allowed=SIGNED_IN, method="post",
        data=lambda cast: {"time_zone": "America/Sao_Paulo", "choice": "save", "next": "/"}),
    Row("set_language", allowed=EVERYONE, method="post", data=lambda cast: {"language": "es", "next": "/"}),
]
