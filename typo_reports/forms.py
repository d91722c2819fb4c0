"""The report form: the no-JS page renders it, the API validates every client's data with it."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from news.languages import LANGUAGE_CODES, has_language
from news.page_text import normalise, occurs_in_text, page_text

from .models import TypoReport
from .protection import form_token_is_valid

FRAGMENT_MAX_LENGTH = 300
CONTEXT_MAX_LENGTH = 200
COMMENT_MAX_LENGTH = 1000
# The honeypot's name looks like a field worth filling to a bot; people never see it.
HONEYPOT_FIELD = "website"


# A page's type never changes: once known, the specific page is read in one query (its own
# table joined to the page table) instead of two. Per process, bounded.
_page_models: dict[int, type] = {}
PAGE_MODELS_REMEMBERED = 10_000


def _specific_live_page(page_id: int):
    model = _page_models.get(page_id)
    if model is not None:
        try:
            return model.objects.live().get(pk=page_id)
        except model.DoesNotExist:
            _page_models.pop(page_id, None)  # gone, unpublished, or the id reused
    page = Page.objects.live().get(pk=page_id).specific
    if len(_page_models) >= PAGE_MODELS_REMEMBERED:
        _page_models.clear()
    _page_models[page_id] = type(page)
    return page


def live_page_in(page_id, language: str):
    """The live page with this id in ``language``, or None."""
    try:
        page = _specific_live_page(int(page_id))
    except (Page.DoesNotExist, TypeError, ValueError, OverflowError):
        return None
    return page if has_language(page, language) else None


@dataclass(frozen=True, slots=True)
class ReportedPage:
    """What a report needs of its page: which one, its live revision, its text in the language."""

    pk: int
    live_revision_id: int | None
    text: str


def reported_page_in(page_id, language: str) -> ReportedPage | None:
    """The live page with this id in ``language``, as a report needs it. Kept until the next
    purge of the page cache (every publish, unpublish, move or deletion): reports come in bursts
    on the page everybody is reading, and each would read its whole row (three bodies) again.
    An id that is not a live page in the language is not kept, so made-up ids fill nothing."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError, OverflowError):
        return None
    if not 0 < page_id < 2**63:
        return None

    def compute():
        page = live_page_in(page_id, language)
        if page is None:
            return None
        return ReportedPage(page.pk, page.live_revision_id, page_text(page, language))

    from page_cache.keys import remember_until_next_purge

    return remember_until_next_purge(
        f"reported-page:{page_id}:{language}", compute, keep_if=lambda value: value is not None
    )


class TypoReportForm(forms.Form):
    page = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    language = forms.ChoiceField(
        choices=[(code, code) for code in LANGUAGE_CODES], widget=forms.HiddenInput
    )
    fragment = forms.CharField(
        label=_("Text with the error"),
        max_length=FRAGMENT_MAX_LENGTH,
        help_text=_("Copy the words with the error from the page, up to 300 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of error"),
        choices=TypoReport.Kind.choices,
        initial=TypoReport.Kind.TYPO,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    context_before = forms.CharField(
        max_length=CONTEXT_MAX_LENGTH, required=False, strip=False, widget=forms.HiddenInput
    )
    context_after = forms.CharField(
        max_length=CONTEXT_MAX_LENGTH, required=False, strip=False, widget=forms.HiddenInput
    )
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    error_messages = {
        "fragment_not_found": _("fragment not found on the page"),
        "no_page": _("This page does not exist in this language."),
        "bad_token": _("The form has expired. Please send it again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.live_page = None
        if not self.fields["kind"].initial:
            self.fields["kind"].initial = TypoReport.Kind.TYPO

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not form_token_is_valid(token):
            raise forms.ValidationError(self.error_messages["bad_token"], code="bad_token")
        return token

    def clean_fragment(self):
        fragment = normalise(self.cleaned_data["fragment"])
        if not fragment:
            raise forms.ValidationError(self.fields["fragment"].error_messages["required"])
        return fragment

    def clean(self):
        cleaned = super().clean()
        page_id, language = cleaned.get("page"), cleaned.get("language")
        if page_id is None or language is None:
            return cleaned
        self.live_page = reported_page_in(page_id, language)
        if self.live_page is None:
            self.add_error("page", forms.ValidationError(self.error_messages["no_page"]))
            return cleaned
        fragment = cleaned.get("fragment")
        if fragment and not occurs_in_text(fragment, self.live_page.text):
            self.add_error(
                "fragment",
                forms.ValidationError(
                    self.error_messages["fragment_not_found"], code="fragment_not_found"
                ),
            )
        return cleaned
