from django.contrib import admin

from .models import DigestLog, TypoReading, TypoReport


class TypoReadingInline(admin.TabularInline):
    model = TypoReading
    extra = 0
    fields = ["reported_at", "kind", "comment", "client_hash"]
    readonly_fields = fields


@admin.register(TypoReport)
class TypoReportAdmin(admin.ModelAdmin):
    inlines = [TypoReadingInline]
    list_display = ["__str__", "status", "language", "kind", "page", "repeat_count", "created_at"]
    list_filter = ["status", "language", "kind", "possibly_fixed"]
    search_fields = ["fragment", "comment", "context_before", "context_after"]
    raw_id_fields = ["page", "revision"]
    readonly_fields = ["public_id", "client_hash", "created_at", "last_reported_at"]
    date_hierarchy = "created_at"


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "report_count", "recipient_count"]
    readonly_fields = ["sent_at"]
