"""The office's name: the admin's site name, the Site record's name, e-mails and sharing tags.

Stored and written in English, the msgid of the project's catalogues (settings.WAGTAIL_SITE_NAME
and news/templatetags/sharing.py mark it for translation); shown translated. A plain string:
the settings import this module, and gettext_noop would read the settings while they load.
"""

OFFICE_NAME = "Commissioner for Human Rights in the Republic of Kazakhstan"
