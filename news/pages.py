"""The behaviour every public page shares: strict languages, indexed routing, slug checks.

The overrides below are defined under Wagtail's own names (``route``, ``clean``,
``minimal_clean``, ``_check_slug_is_unique``, ``base_form_class``, ``get_view_restrictions``).
wagtail-modeltranslation assigns its own versions of most of them onto every translated page
class when its app is ready; ``restore_overrides`` (called from ``NewsConfig.ready``, which runs
after it) removes those assignments so that ours apply again, and news/checks.py fails
``manage.py check`` when any of them is not ours (after a library upgrade, say).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from .languages import (
    LANGUAGE_CODES,
    LANGUAGE_LABELS,
    active_language,
    has_language,
    is_filled,
    page_languages,
    value_in,
)
from .slugs import child_by_slug, normalise_page_slugs, slug_clashes

# Set on every override of a library method; news/checks.py looks for it.
OVERRIDE_MARK = "_news_language_override"


def override(obj):
    """Mark a method or class as the project's replacement of a library's (see checks.py)."""
    setattr(obj, OVERRIDE_MARK, True)
    return obj


def is_override(obj) -> bool:
    # vars(): a form class that subclasses ours (as wagtail-modeltranslation's does) is not ours.
    return bool(vars(obj).get(OVERRIDE_MARK)) if hasattr(obj, "__dict__") else False


@override
class LanguageAwarePageForm(WagtailAdminPageForm):
    """The admin form of every public page.

    * The model's own checks (languages, per-language slugs) see the parent of a page that is
      being created, so that they run in the form and report on its fields.
    * A draft ("Save draft", autosave) may hold a half-filled language: Wagtail defers required
      fields then, and the model's clean is told so (``_validating_draft``). Publishing and
      submitting for review validate everything, in the form.
    """

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if parent_page is not None and not self.instance.pk:
            # Treebeard's get_parent() reads this cache; Wagtail's own API does the same.
            self.instance._cached_parent_obj = parent_page

    def _post_clean(self):
        self.instance._validating_draft = self.is_deferred_validation
        try:
            super()._post_clean()
        finally:
            self.instance._validating_draft = False


NO_LANGUAGE_MESSAGE = _(
    "A page needs at least one language: fill in the title (and, for a release, the body) in "
    "Kazakh, Russian or English."
)
HALF_FILLED_MESSAGE = _(
    "This language is half filled in: fill in this field too, or empty the others."
)
SLUG_MISSING_MESSAGE = _("Enter an address (slug) in Latin letters.")
UNTITLED_DRAFT_MESSAGE = _(
    "To save a draft, give it a title in at least one language: Kazakh, Russian or English."
)


def language_completeness_errors(values: dict[str, dict], slugs: dict[str, str]) -> dict:
    """Errors for a page whose languages are incomplete.

    ``values`` maps language -> {field: value} for the fields that define a language. A language
    counts when all of them are filled; a half-filled language is an error naming its fields; no
    language at all is an error on every title.
    """
    errors: dict[str, str] = {}
    complete = []
    for code, fields in values.items():
        filled = {name for name, value in fields.items() if is_filled(value)}
        if filled and len(filled) == len(fields):
            complete.append(code)
            if not slugs.get(code):
                errors[f"slug_{code}"] = SLUG_MISSING_MESSAGE
        elif filled:
            for name in set(fields) - filled:
                errors[f"{name}_{code}"] = HALF_FILLED_MESSAGE
    if not complete and not errors:
        for code in values:
            errors[f"title_{code}"] = NO_LANGUAGE_MESSAGE
    return errors


class LanguageAwarePage(Page):
    """Base of every public page. A page exists only in the languages it has (news.languages).

    Wagtail's core reads and writes the untranslated ``title`` and ``slug``; through
    modeltranslation those resolve to the editor's UI language (reading falls back to another
    language, writing lands in the UI language's column). Every override here works on the
    ``<field>_<lang>`` columns instead, so nothing is copied from one language into another.
    """

    language_defining_fields: tuple[str, ...] = ("title",)
    base_form_class = LanguageAwarePageForm

    class Meta:
        abstract = True

    # --- validation -----------------------------------------------------------------------
    def full_clean(self, *args, **kwargs):
        normalise_page_slugs(self)
        super().full_clean(*args, **kwargs)

    @override
    def minimal_clean(self):
        """Page.minimal_clean (run on every draft save) does ``self.title = clean(self.title)``:
        the fallback title of another language written into the UI language's column."""
        normalise_page_slugs(self)
        self._set_core_field_defaults()
        for code in LANGUAGE_CODES:
            name = build_localized_fieldname("title", code)
            setattr(self, name, self._meta.get_field(name).clean(getattr(self, name), self))
        self._check_slug_is_unique()

    @override
    def clean(self):
        """Replaces Page.clean and wagtail-modeltranslation's sibling scan. A draft may hold a
        half-filled language, but needs a title in some language; slugs must be free in any case."""
        # Again here: modeltranslation applies a cleared field of the UI language only in
        # clean_fields, after full_clean's first pass. An emptied slug is made anew.
        normalise_page_slugs(self)
        if getattr(self, "_validating_draft", False):
            # Wagtail names every revision and log entry after the title: a draft with none in
            # any language cannot be stored (the log entry's label would be blank).
            if not any(is_filled(value_in(self, "title", code)) for code in LANGUAGE_CODES):
                raise ValidationError(
                    {f"title_{code}": UNTITLED_DRAFT_MESSAGE for code in LANGUAGE_CODES}
                )
        else:
            values = {
                code: {name: value_in(self, name, code) for name in self.language_defining_fields}
                for code in LANGUAGE_CODES
            }
            errors = language_completeness_errors(
                values, {code: value_in(self, "slug", code) for code in LANGUAGE_CODES}
            )
            errors.update(self.errors_in_languages(page_languages(self)))
            # A lead (say) without the title and body is half a language too.
            for code, fields in values.items():
                extras = getattr(self, "language_complete_fields", ())
                if any(is_filled(value_in(self, name, code)) for name in extras):
                    for name, value in fields.items():
                        if not is_filled(value):
                            errors.setdefault(f"{name}_{code}", HALF_FILLED_MESSAGE)
            if errors:
                raise ValidationError(errors)
        self._check_slug_is_unique()

    def errors_in_languages(self, languages: list[str]) -> dict[str, str]:
        """Further per-language requirements of a page type, for each language it has."""
        return {}

    @override
    def _check_slug_is_unique(self):
        """Replaces Page._check_slug_is_unique, which compares the fallback-resolved slug (and
        loads every sibling): one indexed query per language."""
        parent = getattr(self, "_cached_parent_obj", None) or (
            self.get_parent() if self.path else None
        )
        if parent is None:
            return
        slugs = {code: value_in(self, "slug", code) for code in LANGUAGE_CODES}
        errors = slug_clashes(parent, self.pk, slugs)
        if errors:
            raise ValidationError(errors)

    # --- routing ----------------------------------------------------------------------------
    @override
    def route(self, request, path_components):
        """One indexed ``slug_<lang>`` lookup instead of loading every child."""
        if not path_components:
            if self.live:
                return RouteResult(self)
            raise Http404
        slug, remaining = path_components[0], path_components[1:]
        language = active_language()
        child = child_by_slug(self, slug, language)
        if child is not None:
            return child.specific.route(request, remaining)
        # The slug of another language: answer that page's "not in this language" 404, which
        # links to the languages it has, instead of a bare 404.
        for other in LANGUAGE_CODES:
            if other != language and (child := child_by_slug(self, slug, other)) is not None:
                if remaining or not child.live:
                    raise Http404
                return RouteResult(child.specific, kwargs={"addressed_in": other})
        raise Http404

    @override
    def get_view_restrictions(self):
        """Page.get_view_restrictions reads the page's ancestors and then their restrictions:
        two queries on every page served. A public newsroom usually has no restricted page at
        all; whether any exists is kept until the next purge of the page cache, which saving or
        deleting a restriction makes (page_cache.purge)."""
        from wagtail.models import PageViewRestriction

        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @override
    def _get_site_root_paths(self, request=None):
        """wagtail-modeltranslation's version keeps one language's site root paths on the request
        and reads them from the cache again whenever the language changes: a release page asks
        for its address in each language for the switcher and then in its own, five round trips
        to Redis. Here every language's are kept on the request side by side, and between
        requests until the next purge of the page cache (a site changed, a page published or
        moved; wagtail-modeltranslation's own cache key is cleared on the same changes)."""
        from wagtail_modeltranslation.patch_wagtailadmin import (
            _localized_site_get_site_root_paths,
        )

        from page_cache.keys import remember_until_next_purge

        language = translation.get_language()
        holder = request if request is not None else self
        by_language = holder.__dict__.setdefault("_site_root_paths_by_language", {})
        if language not in by_language:
            by_language[language] = remember_until_next_purge(
                f"site-root-paths:{language}", _localized_site_get_site_root_paths
            )
        return by_language[language]

    # --- serving ----------------------------------------------------------------------------
    def serve(self, request, *args, addressed_in=None, **kwargs):
        language = active_language()
        if addressed_in is not None or not has_language(self, language):
            return self.serve_language_missing(request, language)
        return super().serve(request, *args, **kwargs)

    def serve_language_missing(self, request, language):
        return TemplateResponse(
            request,
            "news/language_missing.html",
            {
                "page": self,
                "missing_language": language,
                "available": page_languages(self),
                # Reached through another language's address although it exists in this one.
                "moved": has_language(self, language),
            },
            status=404,
        )

    # --- previews: one mode per language --------------------------------------------------
    @property
    def preview_modes(self):
        return [(code, LANGUAGE_LABELS[code]) for code in LANGUAGE_CODES]

    @property
    def default_preview_mode(self):
        return next(iter(page_languages(self)), LANGUAGE_CODES[0])

    def serve_preview(self, request, mode_name):
        language = mode_name if mode_name in LANGUAGE_CODES else self.default_preview_mode
        if not has_language(self, language):
            # Said in the editor's admin language; never another language's text instead.
            return TemplateResponse(
                request,
                "news/preview_language_missing.html",
                {
                    "page": self,
                    "preview_language": language,
                    "preview_language_name": LANGUAGE_LABELS[language],
                    "available": [LANGUAGE_LABELS[code] for code in page_languages(self)],
                },
            )
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # A TemplateResponse renders late; render it while the language is still active.
            if hasattr(response, "render"):
                response.render()
            return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_language"] = active_language()
        return context


# The names wagtail-modeltranslation assigns onto page classes, which ours must win over.
OVERRIDDEN_NAMES = (
    "route",
    "clean",
    "minimal_clean",
    "_check_slug_is_unique",
    "base_form_class",
    "get_view_restrictions",
    "_get_site_root_paths",
)


def any_view_restriction() -> bool:
    from wagtail.models import PageViewRestriction

    from page_cache.keys import remember_until_next_purge

    return remember_until_next_purge("any-view-restriction", PageViewRestriction.objects.exists)


def make_translated_fields_optional():
    """wagtail-modeltranslation marks the default language's title and slug as required. A
    release may lack Kazakh, so every language is optional and "at least one" is checked in
    clean()."""
    for model in translator.get_registered_models():
        for field_name in translator.get_options_for_model(model).all_fields:
            for code in LANGUAGE_CODES:
                model._meta.get_field(build_localized_fieldname(field_name, code)).blank = True


def language_aware_page_models():
    return [m for m in translator.get_registered_models() if issubclass(m, LanguageAwarePage)]


def restore_overrides():
    """Undo wagtail-modeltranslation's assignments of OVERRIDDEN_NAMES on our page classes, so
    the definitions in the class bodies (LanguageAwarePage's or a subclass's) apply again."""
    make_translated_fields_optional()
    for model in language_aware_page_models():
        for name in OVERRIDDEN_NAMES:
            patched = model.__dict__.get(name)
            if patched is not None and not is_override(getattr(patched, "__func__", patched)):
                delattr(model, name)
        model.get_edit_handler.cache_clear()
