"""Labels Wagtail makes in English whatever the admin's language, on the Sites and Users screens.

* The Sites listing (``wagtail.sites.views.IndexView.columns``) names three columns after the
  attribute ("Port", "Site name", "Root page": ``Column`` without a label uses
  ``capfirst(name.replace("_", " "))``, which no catalogue translates). ``install`` gives them
  the model fields' verbose names, which Wagtail's catalogues translate ("Порт", ...).
* Yes/no columns (the Users listing's "Active", ...) title their icon ``True`` / ``False`` /
  ``None`` (``wagtailadmin/tables/boolean_cell.html``): the project's copy of that template
  (``templates/wagtailadmin/tables/boolean_cell.html``) says "Yes" / "No" / "Unknown".

``check_admin_labels`` (editorial.E003) fails ``manage.py check`` when a column of the Sites
listing has a label no catalogue translates, or when Wagtail's template changes.
"""

import hashlib
from pathlib import Path

import wagtail.admin
from django.core import checks
from django.utils.functional import Promise
from django.utils.text import capfirst
from wagtail.models import Site
from wagtail.sites.views import IndexView as SiteIndexView

BOOLEAN_CELL = "wagtailadmin/tables/boolean_cell.html"
# sha256 of Wagtail 8.0.1's template, which the project's copy replaces.
BOOLEAN_CELL_SHA256 = "f52d1f7945b2b176e1921c5014774ceddd883008e0be68a4e3e964cb73e52619"


def install():
    for column in SiteIndexView.columns:
        if column.label == capfirst(column.name.replace("_", " ")):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def wagtail_template(name: str) -> str:
    return (Path(wagtail.admin.__file__).parent / "templates" / name).read_text(encoding="utf-8")


@checks.register
def check_admin_labels(app_configs=None, **kwargs):
    errors = [
        checks.Error(
            f"The Sites listing's column {column.name!r} is labelled {column.label!r}, "
            "which no catalogue translates.",
            hint="editorial.admin_labels.install gives it the field's verbose name.",
            id="editorial.E003",
        )
        for column in SiteIndexView.columns
        if not isinstance(column.label, Promise)
    ]
    digest = hashlib.sha256(wagtail_template(BOOLEAN_CELL).encode("utf-8")).hexdigest()
    if digest != BOOLEAN_CELL_SHA256:
        errors.append(
            checks.Error(
                f"Wagtail's {BOOLEAN_CELL} is not the one the project's copy was made from.",
                hint="A Wagtail upgrade changed it: carry the change over to "
                f"templates/{BOOLEAN_CELL}, then record its new sha256 in "
                "editorial.admin_labels.BOOLEAN_CELL_SHA256.",
                id="editorial.E003",
            )
        )
    return errors
