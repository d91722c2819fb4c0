"""The office's name: the admin's site name, the Site record's name, e-mails and sharing tags.

Stored and written in English, the msgid of the project's catalogues; shown translated.
"""

from django.utils.translation import gettext_noop

OFFICE_NAME = gettext_noop("Commissioner for Human Rights in the Republic of Kazakhstan")
