"""The editors' side: /admin/typo-reports/ (a ModelViewSet) and its bulk status actions.

Bulk actions use Wagtail's own framework (the one snippets use): BulkAction subclasses
registered with the ``register_bulk_action`` hook, a checkbox column in the listing and the
bulk actions footer; they are served at /admin/bulk/typo_reports/typoreport/<action>/.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied as forbidden
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from news.languages import page_url_in, value_in
from news.page_text import page_text, text_around

from .models import TypoReport


class TypoReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=TypoReport.Status.choices)
    language = django_filters.ChoiceFilter(
        label=_("language"), choices=TypoReport._meta.get_field("language").choices
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=TypoReport.Kind.choices)
    # Only pages that have reports, not the whole page tree.
    page = django_filters.ModelChoiceFilter(
        label=_("page"),
        queryset=lambda request: Page.objects.filter(typo_reports__isnull=False).distinct(),
    )
    possibly_fixed = django_filters.BooleanFilter(label=_("possibly fixed"))

    class Meta:
        model = TypoReport
        fields = ["status", "language", "kind", "page", "possibly_fixed"]


class ForbidOutsiders:
    """Staff without a typo report permission get a 403. (Raising PermissionDenied would be
    turned by Wagtail's require_admin_access into a redirect to the dashboard.)"""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(TypoReport)
        if not policy.user_has_any_permission(request.user, ["change", "delete", "view"]):
            return forbidden(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)


class TypoReportIndexView(ForbidOutsiders, generic.IndexView):
    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="typoreport"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"typoreport_{instance.pk}_title"
        )

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class TypoReportEditView(ForbidOutsiders, generic.EditView):
    """A report's screen: the fragment in the reader's context, the page's current text around
    it, links to edit and view the page, and the revision that was live when reported."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        page = report.page.specific
        current = text_around(report.fragment, page_text(page, report.language))
        context.update(
            report=report,
            readings=report.readings.all(),
            page_title=value_in(page, "title", report.language) or str(page),
            current_text=current,
            page_edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            live_url=page_url_in(page, report.language) if page.live else None,
            revision_url=(
                reverse("wagtailadmin_pages:revisions_view", args=[page.pk, report.revision_id])
                if report.revision_id
                else None
            ),
        )
        return context


class TypoReportViewSet(ModelViewSet):
    model = TypoReport
    name = "typo_reports"
    url_prefix = "typo-reports"
    icon = "warning"
    menu_label = _("Typo reports")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = TypoReportIndexView
    edit_view_class = TypoReportEditView
    index_template_name = "typo_reports/admin/index.html"
    edit_template_name = "typo_reports/admin/edit.html"
    list_display = [
        "fragment_in_context",
        Column("status", label=_("status"), accessor="get_status_display"),
        "language",
        Column("kind", label=_("kind"), accessor="get_kind_display"),
        "page_title",
        Column("repeat_count", label=_("times reported"), sort_key="repeat_count"),
        Column("possibly_fixed", label=_("possibly fixed"), accessor="possibly_fixed_display"),
        DateColumn("created_at", label=_("reported at"), sort_key="created_at"),
    ]
    filterset_class = TypoReportFilterSet
    search_fields = ["fragment", "comment", "context_before", "context_after"]
    form_fields = ["status", "editor_note"]

    def get_common_view_kwargs(self, **kwargs):
        # Reports come from readers only: no "Add" button in the admin.
        return super().get_common_view_kwargs(**kwargs) | {"add_url_name": None}


class StatusBulkAction(BulkAction):
    """Sets one status on the selected reports (after a confirmation screen)."""

    models = [TypoReport]
    template_name = "typo_reports/admin/confirm_bulk_status.html"
    new_status: str = ""

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(TypoReport)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            return forbidden(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission(self.request.user, "change")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "action_label": self.display_name,
            "new_status_label": TypoReport.Status(self.new_status).label,
        }

    def get_execution_context(self):
        return {"new_status": self.new_status}

    @classmethod
    def execute_action(cls, objects, new_status=None, **kwargs):
        updated = TypoReport.objects.filter(pk__in=[obj.pk for obj in objects]).update(
            status=new_status
        )
        return updated, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d typo report updated.", "%(count)d typo reports updated.", num_parent_objects
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class MarkFixedBulkAction(StatusBulkAction):
    display_name = _("Mark fixed")
    aria_label = _("Mark the selected reports fixed")
    action_type = "mark_fixed"
    action_priority = 10
    new_status = TypoReport.Status.FIXED


@hooks.register("register_bulk_action")
class MarkNotAnErrorBulkAction(StatusBulkAction):
    display_name = _("Not an error")
    aria_label = _("Mark the selected reports as not an error")
    action_type = "mark_not_an_error"
    action_priority = 20
    new_status = TypoReport.Status.NOT_AN_ERROR


@hooks.register("register_bulk_action")
class MarkSpamBulkAction(StatusBulkAction):
    display_name = _("Spam")
    aria_label = _("Mark the selected reports as spam")
    action_type = "mark_spam"
    action_priority = 30
    new_status = TypoReport.Status.SPAM


typo_report_viewset = TypoReportViewSet()


@hooks.register("register_admin_viewset")
def register_typo_report_viewset():
    return typo_report_viewset
