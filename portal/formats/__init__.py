"""Date formats where the portal departs from Django's (FORMAT_MODULE_PATH).

Brazilian Portuguese writes month names in lower case ("13 de janeiro de
2027"); Django's pt-BR catalogue capitalises them. The pt_BR formats write
the month with "E", the alternative month name, whose lower-case Portuguese
names are in the portal's catalogue (below: marked so that `make messages`
keeps them). Every other format is Django's."""

from django.utils.translation import pgettext_lazy

ALTERNATIVE_MONTHS = (
    pgettext_lazy("alt. month", "January"), pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"), pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"), pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"), pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"), pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"), pgettext_lazy("alt. month", "December"),
)
