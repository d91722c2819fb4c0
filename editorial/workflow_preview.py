"""The reviewer's preview of a draft, one link per language the draft has.

Wagtail's review surfaces offer one "Preview" of the revision under review, in the page's
default preview mode (``PreviewRevisionForTask.get`` passes ``default_preview_mode``), although
a release's preview modes are its languages (news.pages.LanguageAwarePage.preview_modes). Here:

* ``LanguagePreviewRevisionForTaskView``: Wagtail's page view for the task's preview, whose
  ``get`` takes the language from the address
  (``/admin/workflow-preview/<page>/<task>/<language>/``, ``editorial_workflow_preview``);
  Wagtail's own address keeps working, in the default mode.
* ``LanguageWorkflowObjectsToModeratePanel``: Wagtail's dashboard panel "Awaiting your review",
  whose ``get_context_data`` adds ``preview_links`` to each state of a language-aware page,
  rendered by a copy of Wagtail's template
  (``templates/editorial/home/workflow_objects_to_moderate.html``) where the one "Preview"
  link becomes "Preview: Қазақша", "Preview: English", ...

Both copy a few lines of Wagtail 8.0. ``check_copied_sources`` (editorial.E002) fails
``manage.py check`` when an upgrade changes what they were copied from.
"""

import hashlib
import inspect
from pathlib import Path

import wagtail.admin
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.workflow import PreviewRevisionForTask
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.pages.workflow import PreviewRevisionForTaskView

from news.languages import LANGUAGE_CODES, LANGUAGE_NAMES, page_languages
from news.pages import LanguageAwarePage

URL_NAME = "editorial_workflow_preview"


class LanguagePreviewRevisionForTaskView(PreviewRevisionForTaskView):
    def get(self, request, *args, language, **kwargs):
        # As PreviewRevisionForTask.get, with the preview mode from the address.
        if not self.task_state:
            self.add_error_message()
            return redirect("wagtailadmin_home")
        if not self.task.get_actions(self.object, request.user):
            raise PermissionDenied
        revision = self.task_state.revision
        object_to_view = revision.as_object()
        if language not in dict(object_to_view.preview_modes):
            raise Http404
        return object_to_view.make_preview_request(
            request, language, extra_request_attrs={"revision_id": revision.id}
        )


def urlpatterns():
    return [
        path(
            "workflow-preview/<int:page_id>/<int:task_id>/<str:language>/",
            LanguagePreviewRevisionForTaskView.as_view(),
            name=URL_NAME,
        )
    ]


def preview_links(page, task_state) -> list[dict]:
    """One link per language the revision under review has, named in the admin's language."""
    draft = task_state.revision.as_object()
    return [
        {
            "language": code,
            "label": _("Preview: %(language)s") % {"language": LANGUAGE_NAMES[code]},
            "url": reverse(URL_NAME, args=(page.pk, task_state.task_id, code)),
        }
        for code in page_languages(draft)
        if code in LANGUAGE_CODES
    ]


class LanguageWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    template_name = "editorial/home/workflow_objects_to_moderate.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            obj = state["obj"]
            if state["workflow_preview_url_name"] and isinstance(obj, LanguageAwarePage):
                state["preview_links"] = preview_links(obj, state["task_state"])
        return context

    @classmethod
    def replacing(cls, panel):
        """This panel in place of Wagtail's ``panel``, at the same position."""
        ours = cls()
        ours.order = panel.order
        return ours


# What the two classes above copy or build on, as it was then (Wagtail 8.0.1): the source of
# PreviewRevisionForTask.get, of the panel's get_context_data (whose states ours extends), and
# Wagtail's template of the panel.
WAGTAIL_TEMPLATES = Path(wagtail.admin.__file__).parent / "templates"
COPIED_SOURCES = {
    "PreviewRevisionForTask.get": (
        "e2957cb5ff178346cdc028799203ff2892e62a3457f92ede134fe12555bb3ad6"
    ),
    "WorkflowObjectsToModeratePanel.get_context_data": (
        "cc434fc5cd31e98e55e59e08a3c51a17e66ec6e9cf5ab62c0f8ff03e59222160"
    ),
    "wagtailadmin/home/workflow_objects_to_moderate.html": (
        "ce928d862828591f55592075e04a60f61f9d67a769888da555a05d027cc72c76"
    ),
}


def current_sources() -> dict[str, str]:
    return {
        "PreviewRevisionForTask.get": inspect.getsource(PreviewRevisionForTask.get),
        "WorkflowObjectsToModeratePanel.get_context_data": inspect.getsource(
            WorkflowObjectsToModeratePanel.get_context_data
        ),
        "wagtailadmin/home/workflow_objects_to_moderate.html": (
            WAGTAIL_TEMPLATES / WorkflowObjectsToModeratePanel.template_name
        ).read_text(encoding="utf-8"),
    }


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@checks.register()
def check_copied_sources(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"Wagtail's {name} is not the one editorial.workflow_preview was made from.",
            hint="A Wagtail upgrade changed it: compare it with editorial/workflow_preview.py "
            "and templates/editorial/home/workflow_objects_to_moderate.html, carry the change "
            "over, then record its new sha256 in COPIED_SOURCES.",
            obj=name,
            id="editorial.E002",
        )
        for name, text in current_sources().items()
        if digest(text) != COPIED_SOURCES[name]
    ]
