"""Names the project creates (groups, the workflow, its task, the site) read in each reader's
language, wherever Wagtail shows them.

The database keeps one canonical English name per object: the msgid in the project's
catalogues. Groups stay unique and code may still look them up by that name (migrations do);
code asking "who may do X" asks for a permission instead. Translating these names with
django-modeltranslation would need translated columns on auth_group and wagtailcore's tables,
i.e. migrations inside Django's and Wagtail's packages.

So the translation happens when the name is read: when such an object is loaded (post_init),
its name becomes a ``DisplayName``, a ``str`` that equals the canonical name in comparisons,
queries and JSON, and prints as ``gettext(name)`` in templates, ``str()``, ``%s`` and f-strings.
Wagtail's templates (``{{ task.name }}``, ``{{ group.name }}``, the dashboard's site name, the
notification e-mails, rendered in the recipient's language) need no override. Log entries keep
the workflow's and task's titles as they were in JSON; they are wrapped the same way on load.

Saving: a form shows the translated name; when it comes back unchanged in any language,
pre_save restores the canonical name, so editing a group in Russian does not rename it.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.html import escape
from wagtail.models import BaseLogEntry, Site, Task, Workflow

from ombudsman.office import OFFICE_NAME

from .roles import ROLE_NAMES, TASK_NAME, WORKFLOW_NAME

CANONICAL_NAMES = frozenset({*ROLE_NAMES, WORKFLOW_NAME, TASK_NAME, OFFICE_NAME})
# The models whose objects carry a project-made name, and the field holding it.
NAME_FIELDS = {Group: "name", Workflow: "name", Task: "name", Site: "site_name"}


class DisplayName(str):
    """A canonical name that prints in the active language."""

    __slots__ = ()

    def __str__(self):
        return translation.gettext(str.__str__(self))

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __html__(self):
        return escape(str(self))

    # Wagtail builds labels by concatenation too (Site.__str__: name + " [default]").
    def __add__(self, other):
        return str(self) + other

    def __radd__(self, other):
        return other + str(self)


def translations_of(name):
    """Every way the name reads in the languages staff and readers use."""
    seen = {name}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            seen.add(translation.gettext(name))
    return seen


def _name_field(sender):
    for model, field in NAME_FIELDS.items():
        if issubclass(sender, model):
            return field
    return None


def wrap_name(sender, instance, **kwargs):
    field = _name_field(sender)
    if field is None:
        return
    value = instance.__dict__.get(field)
    if isinstance(value, str) and value in CANONICAL_NAMES and not isinstance(value, DisplayName):
        instance.__dict__[field] = DisplayName(value)


def keep_canonical_name(sender, instance, raw=False, **kwargs):
    field = _name_field(sender)
    if field is None or raw or instance.pk is None:
        return
    value = instance.__dict__.get(field)
    if not isinstance(value, str) or value in CANONICAL_NAMES:
        return
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list(field, flat=True)
    stored = next(iter(stored), None)
    if stored in CANONICAL_NAMES and value in translations_of(stored):
        setattr(instance, field, stored)


def _wrap_titles(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "title" and isinstance(value, str) and value in CANONICAL_NAMES:
                # A new log entry is given the live objects' names, already DisplayNames:
                # DisplayName(DisplayName) would store the translation (str() of it).
                data[key] = DisplayName(str.__str__(value))
            else:
                _wrap_titles(value)


def wrap_log_entry_titles(sender, instance, **kwargs):
    if issubclass(sender, BaseLogEntry) and isinstance(instance.__dict__.get("data"), dict):
        _wrap_titles(instance.__dict__["data"])


def _concrete_models(model):
    """The model and its subclasses (a Task is loaded as its GroupApprovalTask, say)."""
    found = [] if model._meta.abstract else [model]
    for subclass in model.__subclasses__():
        found.extend(_concrete_models(subclass))
    return found


def connect():
    """Called from EditorialConfig.ready(), when every model class exists."""
    for base in NAME_FIELDS:
        for model in _concrete_models(base):
            post_init.connect(wrap_name, sender=model, dispatch_uid=f"display_name_{model._meta}")
            pre_save.connect(
                keep_canonical_name, sender=model, dispatch_uid=f"canonical_name_{model._meta}"
            )
    for model in _concrete_models(BaseLogEntry):
        post_init.connect(
            wrap_log_entry_titles, sender=model, dispatch_uid=f"log_entry_titles_{model._meta}"
        )
