from django.contrib import admin

from .models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    # The per-language columns only: the untranslated ones hold whichever language was last saved.
    fields = ["name_kk", "name_ru", "name_en", "slug_kk", "slug_ru", "slug_en"]
    list_display = ["__str__", "name_kk", "name_ru", "name_en"]
    search_fields = ["name_kk", "name_ru", "name_en"]
