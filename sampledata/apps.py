from django.apps import AppConfig


class SampledataConfig(AppConfig):
    """No models of its own: the demo and the generator write the other apps' rows."""

    name = "sampledata"
