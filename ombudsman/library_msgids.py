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
    # Russian slips staff meet every day: zero-width spaces in the review e-mails and messages
    # (wagtailadmin/notifications/*_submitted*), "Исследование" for the page explorer, sort
    # hints that misplace the quotes, and "Редактирование Задача …" (a noun in the nominative).
    gettext_noop(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s" '
        "by %(requester)s."
    ),
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop("Exploring"),
    gettext_noop(
        "Sort the order of child pages within '%(parent)s' by '%(label)s' in ascending order."
    ),
    gettext_noop(
        "Sort the order of child pages within '%(parent)s' by '%(label)s' in descending order."
    ),
    gettext_noop("Editing %(task_type)s"),
    gettext_noop("Editing %(page_type)s"),
)
