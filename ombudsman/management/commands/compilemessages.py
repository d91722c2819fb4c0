"""``compilemessages`` that also works on a machine without GNU gettext.

Django's command needs ``msgfmt``. Where it is missing (a fresh machine without the gettext
package), the project's own catalogues in LOCALE_PATHS are compiled with polib instead, so
``make run`` needs nothing beyond Python.
"""

import shutil
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.commands.compilemessages import Command as DjangoCompileMessages


class Command(DjangoCompileMessages):
    def handle(self, **options):
        if shutil.which(self.program):
            return super().handle(**options)
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                if options["verbosity"] > 0:
                    self.stdout.write(f"compiled {po_path} with polib (msgfmt not found)")
        return None
