"""Compile the project's translation catalogues, with or without GNU gettext.

Django's ``compilemessages`` needs ``msgfmt``. Where it is present this command runs it (over
LOCALE_PATHS, so installed packages' catalogues are left alone). Where it is missing (a fresh
machine without the gettext package) the catalogues in LOCALE_PATHS are compiled with polib,
so ``make run`` needs nothing beyond Python. Django's own command is left untouched.
"""

import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files (msgfmt when installed, else polib)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-polib",
            action="store_true",
            help="Use polib even when msgfmt is installed.",
        )

    def handle(self, *args, with_polib=False, verbosity=1, **options):
        catalogues = [
            po_path
            for locale_path in settings.LOCALE_PATHS
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po"))
        ]
        if shutil.which("msgfmt") and not with_polib:
            call_command(
                "compilemessages",
                locale=sorted({po_path.parent.parent.name for po_path in catalogues}),
                # Django's command also walks the current directory, which holds .venv.
                ignore_patterns=[".venv", "node_modules", "staticfiles"],
                verbosity=verbosity,
            )
            return
        for po_path in catalogues:
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            if verbosity > 0:
                self.stdout.write(f"compiled {po_path} with polib")
