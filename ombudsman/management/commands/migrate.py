"""``migrate`` = wagtail-modeltranslation's migrate, then news.translated_columns.

wagtail-modeltranslation adds the translated page columns after Django's post_migrate signal
has fired, so the follow-up cannot be a signal handler. This app precedes it in INSTALLED_APPS,
so Django picks this command.
"""

from wagtail_modeltranslation.management.commands.migrate_translation import (
    Command as TranslationMigrateCommand,
)

from news.translated_columns import prepare_translated_columns


class Command(TranslationMigrateCommand):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        prepare_translated_columns(using=options["database"])
