"""A news index created later (by demo content or by staff) gets the roles and the workflow."""

from django.apps import apps
from django.db.models.signals import post_save
from django.dispatch import receiver

from news.models import NewsIndexPage

from .roles import set_up_news_index


@receiver(post_save, sender=NewsIndexPage, dispatch_uid="editorial_set_up_news_index")
def set_up_new_news_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        set_up_news_index(apps, instance.pk)
