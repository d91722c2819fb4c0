"""The office pages (about, how to apply, contacts) and the office's contact details, in
kk / ru / en, for the demo site. Idempotent: pages are found by their English slug under the home
page and the setting is only filled while empty, so a second run changes nothing."""

import json
from html import escape
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from news.languages import LANGUAGE_CODES
from news.models import HomePage
from news.slugs import child_by_slug
from office.models import OfficeContacts, StandardPage

DATA_DIR = Path(__file__).resolve().parents[2] / "demo_data"
CONTACT_LABELS = {
    "address": {"kk": "Мекенжай", "ru": "Адрес", "en": "Address"},
    "phone": {"kk": "Телефон", "ru": "Телефон", "en": "Phone"},
    "email": {"kk": "Электрондық пошта", "ru": "Электронная почта", "en": "E-mail"},
    "reception_hours": {"kk": "Қабылдау", "ru": "Приём", "en": "Reception hours"},
}


def _block(kind, value, contacts, language):
    if kind == "heading":
        return {"type": "heading", "value": {"text": value, "level": "h2"}}
    if kind == "paragraph":
        return {"type": "paragraph", "value": f"<p>{escape(value)}</p>"}
    if kind == "steps":
        steps = [{"title": title, "text": text} for title, text in value]
        return {"type": "steps", "value": {"steps": steps}}
    if kind == "contacts":
        lines = []
        for field, labels in CONTACT_LABELS.items():
            text = contacts[field]
            text = text.get(language, "") if isinstance(text, dict) else text
            if text:
                lines.append({"label": labels[language], "value": text})
        return {"type": "contact_card", "value": {"title": value, "lines": lines}}
    raise ValueError(kind)


class Command(BaseCommand):
    help = "Create the office pages and contact details of the demo site (idempotent)."

    def handle(self, *args, **options):
        pages = json.loads((DATA_DIR / "pages.json").read_text(encoding="utf-8"))
        contacts = json.loads((DATA_DIR / "contacts.json").read_text(encoding="utf-8"))
        home = HomePage.objects.first()
        if home is None:
            self.stderr.write("No home page: run load_demo_content first.")
            return
        created = 0
        with transaction.atomic():
            for item in pages:
                created += self.ensure_page(home, item, contacts)
            self.ensure_contacts(contacts)
        self.stdout.write(self.style.SUCCESS(f"Office pages ready ({created} page(s) created)."))

    def ensure_page(self, home, item, contacts) -> int:
        if child_by_slug(home, item["slugs"]["en"], "en") is not None:
            return 0
        page = StandardPage(show_in_menus=True)
        for code in LANGUAGE_CODES:
            setattr(page, f"title_{code}", item["title"][code])
            setattr(page, f"slug_{code}", item["slugs"][code])
            setattr(page, f"intro_{code}", item["intro"][code])
            setattr(
                page,
                f"body_{code}",
                [_block(kind, value, contacts, code) for kind, value in item["body"][code]],
            )
        home.add_child(instance=page)
        page.save_revision().publish()
        return 1

    def ensure_contacts(self, contacts):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        setting = OfficeContacts.for_site(site)
        if setting.phone or setting.email:
            return
        for field in ("address", "reception_hours"):
            for code in LANGUAGE_CODES:
                setattr(setting, f"{field}_{code}", contacts[field][code])
        setting.phone, setting.hotline, setting.email = (
            contacts["phone"],
            contacts["hotline"],
            contacts["email"],
        )
        setting.save()
