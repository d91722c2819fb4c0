"""The low-vision settings, in one place: what a reader may choose and how it is stored.

Pages never read the choice, so their HTML is the same for everyone and stays cacheable. The
choice lives in the ``vision`` cookie, which only two things read: static/js/site.js (which adds
``/vision.css?<choice>`` to the page) and, for readers without JavaScript, the ``/vision.css``
view itself (linked from a <noscript> in every page's head). See docs/design.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "vision"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Option:
    name: str
    label: object
    # value -> (label, CSS the template uses); "" is the standard look.
    choices: dict


OPTIONS = (
    Option(
        "size",
        _("Text size"),
        {
            "": (_("Standard"), None),
            "1": (_("Large"), 1.25),
            "2": (_("Larger"), 1.5),
            "3": (_("Largest"), 2),
        },
    ),
    Option(
        "contrast",
        _("Colours"),
        {
            "": (_("Standard"), None),
            "bw": (_("Black on white"), ("#000", "#fff")),
            "wb": (_("White on black"), ("#fff", "#000")),
            "bc": (_("Blue on cream"), ("#063462", "#f7f3d6")),
        },
    ),
    Option(
        "spacing",
        _("Spacing"),
        {"": (_("Standard"), None), "wide": (_("Wide"), None)},
    ),
    Option(
        "images",
        _("Images"),
        {"": (_("Shown"), None), "off": (_("Hidden"), None)},
    ),
)
OPTION_NAMES = tuple(option.name for option in OPTIONS)


def parse(raw: str | None) -> dict[str, str]:
    """A stored or requested choice (``size:2|contrast:bw``) -> {name: value}, unknown parts
    and values dropped."""
    choice = {}
    for part in (raw or "")[:200].split("|"):
        name, _sep, value = part.partition(":")
        option = next((o for o in OPTIONS if o.name == name), None)
        if option is not None and value and value in option.choices:
            choice[name] = value
    return choice


def serialise(choice: dict[str, str]) -> str:
    return "|".join(f"{name}:{choice[name]}" for name in OPTION_NAMES if choice.get(name))


def from_query(query) -> dict[str, str]:
    """{name: value} from query parameters such as ``?size=2&contrast=bw`` (empty = standard)."""
    choice = {}
    for option in OPTIONS:
        value = query.get(option.name)
        if value is not None and value in option.choices:
            choice[option.name] = value
    return choice
