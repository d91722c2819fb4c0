from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    """The office's own pages (about, contacts, how to apply) and its contact details."""

    name = "office"
    verbose_name = _("Office pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import OfficeContacts

        # Every page's footer shows the contacts: cached pages and the footer's cached values
        # (office/templatetags/layout.py) are purged when they change.
        for signal in (post_save, post_delete):
            signal.connect(
                _contacts_changed,
                sender=OfficeContacts,
                dispatch_uid=f"office_contacts_purge_{signal is post_save}",
            )


def _contacts_changed(sender, instance, created=False, **kwargs):
    if created:
        # OfficeContacts.for_site creates the empty row on the first page that reads it;
        # the editor's own save (an update) follows. Purging here would only waste the cache.
        return
    from page_cache.purge import purge_after_change

    purge_after_change(None)
