"""Create the demo site: home, news index, topics and releases, in kk / ru / en.

Idempotent: every object is looked up by a stable key first and only created when missing, so a
second run changes nothing (no new rows, no new revisions). The Russian text of the Brussels
release is imported verbatim from news/demo_data/brussels.json.
"""

import json
import time
from html import escape
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_date
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from news.demo_images import draw_topic_illustration, draw_visit_illustration
from news.languages import LANGUAGE_CODES
from news.models import HomePage, NewsIndexPage, NewsReleasePage, Topic
from news.slugs import child_by_slug, slug_from_title
from news.synthetic_releases import create_synthetic_releases
from ombudsman.office import OFFICE_NAME

DATA_DIR = Path(__file__).resolve().parents[2] / "demo_data"

HOME = {
    "title": {
        "kk": "Қазақстан Республикасындағы Адам құқықтары жөніндегі уәкіл",
        "ru": "Уполномоченный по правам человека в Республике Казахстан",
        "en": "Commissioner for Human Rights in the Republic of Kazakhstan",
    },
    "intro": {
        "kk": "Уәкіл адам мен азаматтың құқықтары мен бостандықтарын қорғайды, азаматтардың "
        "өтініштерін қарайды және мемлекеттік органдармен, халықаралық ұйымдармен бірлесіп "
        "жұмыс істейді.",
        "ru": "Уполномоченный защищает права и свободы человека и гражданина, рассматривает "
        "обращения граждан и работает вместе с государственными органами и международными "
        "организациями.",
        "en": "The Commissioner protects human and civil rights and freedoms, considers "
        "complaints from the public and works with state bodies and international "
        "organisations.",
    },
}
NEWS_INDEX = {
    "title": {"kk": "Жаңалықтар", "ru": "Новости", "en": "News"},
    "slug": {"kk": "zhanalyqtar", "ru": "novosti", "en": "news"},
    "intro": {
        "kk": "Уәкілдің баспасөз қызметінің хабарламалары.",
        "ru": "Пресс-релизы пресс-службы Уполномоченного.",
        "en": "Press releases from the Commissioner's press service.",
    },
}


ILLUSTRATION_ALT = {
    "kk": "Иллюстрация: {topic}",
    "ru": "Иллюстрация: {topic}",
    "en": "Illustration: {topic}",
}


def _body(paragraphs, quote=None):
    blocks = [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"} for text in paragraphs]
    if quote:
        blocks.insert(
            min(2, len(blocks)),
            {
                "type": "quote",
                "value": {"text": quote["text"], "attribution": quote["attribution"]},
            },
        )
    return blocks


class Command(BaseCommand):
    help = "Create the demo site and releases (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--releases",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N synthetic releases exist (bulk insert, for benchmarks).",
        )

    def handle(self, *args, **options):
        self.load_demo_content()
        if options["releases"]:
            self.load_synthetic_releases(options["releases"])

    def load_synthetic_releases(self, count):
        started = time.monotonic()
        created = create_synthetic_releases(count, progress=self.show_progress)
        self.stderr.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} synthetic release(s) created in {time.monotonic() - started:.1f} s."
            )
        )

    def show_progress(self, done, total):
        width = 40
        filled = width * done // total
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stderr.flush()

    def load_demo_content(self):
        with transaction.atomic():
            home = self.ensure_home()
            index = self.ensure_news_index(home)
            topics = self.ensure_topics()
            created = 0
            brussels = json.loads((DATA_DIR / "brussels.json").read_text(encoding="utf-8"))
            releases = json.loads((DATA_DIR / "releases.json").read_text(encoding="utf-8"))
            for item in [*releases, brussels]:
                created += self.ensure_release(index, item, topics)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} release(s) created)."))

    # --- structure --------------------------------------------------------------------------
    def ensure_home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                **{f"title_{c}": HOME["title"][c] for c in LANGUAGE_CODES},
                **{f"slug_{c}": "home" for c in LANGUAGE_CODES},
                **{f"intro_{c}": HOME["intro"][c] for c in LANGUAGE_CODES},
            )
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name=OFFICE_NAME
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.save()
            # Wagtail's placeholder "Welcome" page is not part of the site any more.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
        return home

    def ensure_news_index(self, home):
        index = NewsIndexPage.objects.child_of(home).first()
        if index is None:
            index = NewsIndexPage(
                **{f"title_{c}": NEWS_INDEX["title"][c] for c in LANGUAGE_CODES},
                **{f"slug_{c}": NEWS_INDEX["slug"][c] for c in LANGUAGE_CODES},
                **{f"intro_{c}": NEWS_INDEX["intro"][c] for c in LANGUAGE_CODES},
            )
            home.add_child(instance=index)
            index.save_revision().publish()
        return index

    def ensure_topics(self):
        topics = {}
        data = json.loads((DATA_DIR / "topics.json").read_text(encoding="utf-8"))
        self.topic_names = {item["key"]: item["names"] for item in data}
        for item in data:
            topic = Topic.objects.filter(slug_en=item["slugs"]["en"]).first()
            if topic is None:
                topic = Topic.objects.create(
                    **{f"name_{c}": item["names"][c] for c in LANGUAGE_CODES},
                    **{f"slug_{c}": item["slugs"][c] for c in LANGUAGE_CODES},
                )
            topics[item["key"]] = topic
        return topics

    # --- releases ---------------------------------------------------------------------------
    def ensure_release(self, index, item, topics) -> int:
        languages = item["languages"]
        first = next(code for code in ("ru", "kk", "en") if code in languages)
        slug = slug_from_title(languages[first]["title"])
        if child_by_slug(index, slug, first) is not None:
            return 0
        release = NewsReleasePage(date=parse_date(item["date"]))
        for code, text in languages.items():
            setattr(release, f"title_{code}", text["title"])
            setattr(release, f"lead_{code}", text["lead"])
            setattr(release, f"body_{code}", _body(text["body"], text.get("quote")))
            for field in ("source", "hero_alt", "hero_caption"):
                value = (item.get(field) or {}).get(code)
                if value:
                    setattr(release, f"{field}_{code}", value)
        if "hero_alt" in item:
            release.hero_image = self.ensure_image(
                item["key"], "Luxembourg · Brussels", item["hero_alt"].get("en", "")
            )
        elif item.get("topics") and self.illustrated(item):
            topic = item["topics"][0]
            release.hero_image = self.ensure_topic_image(item["key"], topic)
            for code in languages:
                name = self.topic_names[topic][code]
                setattr(release, f"hero_alt_{code}", ILLUSTRATION_ALT[code].format(topic=name))
        index.add_child(instance=release)
        release.topics.set([topics[key] for key in item.get("topics", [])])
        release.save_revision().publish()
        return 1

    def illustrated(self, item) -> bool:
        """Most demo releases get a picture; every fourth stays text only, as real ones do."""
        self.release_number = getattr(self, "release_number", -1) + 1
        return self.release_number % 4 != 3

    def ensure_topic_image(self, key, topic):
        image_model = get_image_model()
        image_title = f"Illustration: {topic} [{key}]"[-255:]
        image = image_model.objects.filter(title=image_title).first()
        if image is None:
            png = draw_topic_illustration(topic, variant=len(key))
            image = image_model(title=image_title)
            image.file = ImageFile(BytesIO(png), name=f"{key}.png")
            image.save()
        return image

    def ensure_image(self, key, caption, title):
        image_model = get_image_model()
        image_title = f"{title} [{key}]"[-255:]
        image = image_model.objects.filter(title=image_title).first()
        if image is None:
            png = draw_visit_illustration(caption)
            image = image_model(title=image_title)
            image.file = ImageFile(BytesIO(png), name=f"{key}.png")
            image.save()
        return image
