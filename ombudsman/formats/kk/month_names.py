"""The genitive month names that the "E" date format prints in Kazakh.

Django's own catalogue has no Kazakh "alt. month" entries. Listing them here lets makemessages
carry them into locale/kk, where they are translated in lower case ("қараша"). Nothing imports
this module at run time: the strings are looked up by Django's date filter.
"""

from django.utils.translation import pgettext_lazy

ALT_MONTH_NAMES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
