"""factory_boy factories for the newsroom's pages (tests and benchmarks).

``languages`` says which languages a page gets; every other language stays empty, as it would be
for a release that came out in Russian only.
"""

import itertools

import factory
import wagtail_factories
from django.utils import timezone

from .languages import LANGUAGE_CODES
from .models import HomePage, NewsIndexPage, NewsReleasePage, Topic

SAMPLE = {
    "title": {
        "kk": "Уәкілдің жаңалығы",
        "ru": "Новость Уполномоченного",
        "en": "Commissioner's news",
    },
    "lead": {
        "kk": "Уәкіл азаматтарды қабылдады.",
        "ru": "Уполномоченный провёл приём граждан.",
        "en": "The Commissioner received members of the public.",
    },
    "body": {
        "kk": "Қабылдау Астанада өтті, өтініштер қаралды.",
        "ru": "Приём прошёл в Астане, обращения рассмотрены.",
        "en": "The reception took place in Astana and the complaints were considered.",
    },
    "intro": {"kk": "Кіріспе", "ru": "Вступление", "en": "Introduction"},
}
_numbers = itertools.count(1)
TRANSLATED_FIELDS = {
    HomePage: ("title", "intro"),
    NewsIndexPage: ("title", "intro"),
    NewsReleasePage: ("title", "lead", "body"),
}


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """Fills the model's TRANSLATED_FIELDS in each of ``languages`` with sample text unless
    given explicitly."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        # wagtail-factories sets the untranslated title/slug, which modeltranslation would
        # store in the active language only; we set every language explicitly instead.
        kwargs.pop("title", None)
        kwargs.pop("slug", None)
        languages = kwargs.pop("languages", LANGUAGE_CODES)
        number = next(_numbers)
        for code in languages:
            for field in TRANSLATED_FIELDS[model_class]:
                key = f"{field}_{code}"
                if key in kwargs:
                    continue
                text = f"{SAMPLE[field][code]} {number}"
                kwargs[key] = paragraph(text) if field == "body" else text
        return super()._create_instance(model_class, parent, kwargs)


class HomePageFactory(TranslatedPageFactory):
    class Meta:
        model = HomePage


class NewsIndexPageFactory(TranslatedPageFactory):
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = NewsIndexPage


class NewsReleasePageFactory(TranslatedPageFactory):
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = NewsReleasePage


class TopicFactory(factory.django.DjangoModelFactory):
    name_kk = factory.Sequence(lambda n: f"Тақырып {n}")
    name_ru = factory.Sequence(lambda n: f"Тема {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug_kk = factory.Sequence(lambda n: f"taqyryp-{n}")
    slug_ru = factory.Sequence(lambda n: f"tema-{n}")
    slug_en = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic
