"""Fields of the office app translated into kk / ru / en (no fallback: news/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import OfficeContacts, StandardPage

NO_FALLBACK = {"default": ()}


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("intro", "body")
    fallback_languages = NO_FALLBACK


@register(OfficeContacts)
class OfficeContactsTranslation(TranslationOptions):
    fields = ("address", "reception_hours")
    fallback_languages = NO_FALLBACK
