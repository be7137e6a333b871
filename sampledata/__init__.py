"""Data for people to try the portal or measure it: the demo conference
(`manage.py load_demo`) and the benchmark's synthetic conference
(`manage.py generate_conference`).

It builds on every other app (portal, submissions, reviews), so it sits above
them all and nothing below imports from it (tests/test_layers.py).
"""
