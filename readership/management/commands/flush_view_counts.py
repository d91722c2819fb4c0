from django.core.management.base import BaseCommand
from wagtail.models import Page

from readership import counting


class Command(BaseCommand):
    help = "Write the view counts waiting in the cache to the database (run every few minutes)."

    def handle(self, *args, **options):
        ids = Page.objects.live().values_list("pk", flat=True)
        written = counting.flush_all(ids)
        self.stdout.write(f"{written} view(s) written.")
