"""The behaviour every public page shares: strict languages, indexed routing, slug checks.

wagtail-modeltranslation assigns its own ``route``, ``clean`` and ``base_form_class`` onto every
translated page class when its app is ready, which would overwrite methods defined in a class
body. ``install_language_aware_behaviour`` (called from ``NewsConfig.ready``, which runs after
it) puts ours back.
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


class LanguageAwarePageForm(WagtailAdminPageForm):
    """Lets the model's own checks (languages, per-language slugs) see the parent of a page that
    is being created, so that they run in the form and report on its fields."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if parent_page is not None and not self.instance.pk:
            # Treebeard's get_parent() reads this cache; Wagtail's own API does the same.
            self.instance._cached_parent_obj = parent_page


NO_LANGUAGE_MESSAGE = _(
    "A page needs at least one language: fill in the title (and, for a release, the body) in "
    "Kazakh, Russian or English."
)
HALF_FILLED_MESSAGE = _(
    "This language is half filled in: fill in this field too, or empty the others."
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
                errors[f"slug_{code}"] = _("Enter an address (slug) in Latin letters.")
        elif filled:
            for name in set(fields) - filled:
                errors[f"{name}_{code}"] = HALF_FILLED_MESSAGE
    if not complete and not errors:
        for code in values:
            errors[f"title_{code}"] = NO_LANGUAGE_MESSAGE
    return errors


class LanguageAwarePage(Page):
    """Base of every public page. A page exists only in the languages it has (news.languages)."""

    language_defining_fields: tuple[str, ...] = ("title",)

    class Meta:
        abstract = True

    # --- validation -----------------------------------------------------------------------
    def full_clean(self, *args, **kwargs):
        normalise_page_slugs(self)
        super().full_clean(*args, **kwargs)

    def clean_languages(self):
        """Replaces Page.clean (plus wagtail-modeltranslation's sibling scan)."""
        values = {
            code: {name: value_in(self, name, code) for name in self.language_defining_fields}
            for code in LANGUAGE_CODES
        }
        errors = language_completeness_errors(
            values, {code: value_in(self, "slug", code) for code in LANGUAGE_CODES}
        )
        complete = [code for code, fields in values.items() if all(map(is_filled, fields.values()))]
        errors.update(self.errors_in_languages(complete))
        if errors:
            raise ValidationError(errors)
        self._check_slug_is_unique()

    def errors_in_languages(self, languages: list[str]) -> dict[str, str]:
        """Further per-language requirements of a page type, for each language it has."""
        return {}

    def check_slugs_per_language(self):
        """Replaces Page._check_slug_is_unique, which compares the fallback-resolved slug."""
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
    def route_by_language_slug(self, request, path_components):
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

    def strict(self, field_name: str):
        """A translated field in the active language only (templates: page|strict:"lead")."""
        return value_in(self, field_name, active_language())


def make_translated_fields_optional():
    """wagtail-modeltranslation marks the default language's title and slug as required. A
    release may lack Kazakh, so every language is optional and "at least one" is checked in
    clean()."""
    for model in translator.get_registered_models():
        for field_name in translator.get_options_for_model(model).all_fields:
            for code in LANGUAGE_CODES:
                model._meta.get_field(build_localized_fieldname(field_name, code)).blank = True


def install_language_aware_behaviour():
    make_translated_fields_optional()
    for model in translator.get_registered_models():
        if issubclass(model, LanguageAwarePage):
            model.route = LanguageAwarePage.route_by_language_slug
            model.clean = LanguageAwarePage.clean_languages
            model._check_slug_is_unique = LanguageAwarePage.check_slugs_per_language
            model.base_form_class = LanguageAwarePageForm
            model.get_edit_handler.cache_clear()
