"""Strings of Wagtail and wagtail-modeltranslation that their Russian catalogues lack or get
wrong, so that the project's catalogues (LOCALE_PATHS, which take precedence) translate them.

``make messages`` (makemessages --no-obsolete) keeps only msgids it finds in the project's
sources; listing them here keeps them. This module is never imported: it is a list for
xgettext. Each msgid is copied exactly from the library (file named beside it); when an upgrade
changes one, tests/browser/test_admin_ui.py finds the English text again.
"""

from django.utils.translation import gettext_noop

LIBRARY_MSGIDS = (
    # wagtailadmin/generic/form.html and others: the footer's aria-label.
    gettext_noop("Actions (footer)"),
    # wagtailadmin/pages/listing/_page_title_column_header.html (the listing's caption).
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    # wagtail_modeltranslation/wagtail_hooks.py: the language buttons above the edit form.
    gettext_noop("View / edit fields for"),
    # wagtailadmin/workflows/includes/workflow_pages_formset.html: another app's catalogue,
    # earlier in INSTALLED_APPS, answers this msgid in English.
    gettext_noop("Page"),
)
