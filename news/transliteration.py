"""The one transliteration of Kazakh and Russian into readable Latin, for slugs.

The server (news.slugs.slug_from_title) and the admin's script (static/news/js/language_tabs.js,
which reads this table from the page, see news/wagtail_hooks.py) both use LETTERS, so a slug
typed in the browser is the slug the server would have made. Letters of other scripts lose
their accents (NFKD); what is then still not a Latin letter or digit is dropped.
"""

import re
import unicodedata

# Lower-case letters; upper case is lowered before the lookup. Values follow anyascii, which
# made the demo content's addresses, so those stay as they are.
LETTERS: dict[str, str] = {
    # Russian (and the Cyrillic letters Kazakh shares with it)
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i",
}  # fmt: skip

# Long enough to be specific, short enough to share; cut at a word boundary.
SLUG_TARGET_LENGTH = 80

# As Django's slugify: punctuation inside a word is dropped ("2,146" -> "2146"), spaces,
# dashes and slashes between words become one hyphen. The script uses the same two patterns
# (SLUG_PATTERNS, serialised with LETTERS).
DROPPED = r"[^a-z0-9\s_\-\u2013\u2014/]"
SEPARATORS = r"[\s_\-\u2013\u2014/]+"
SLUG_PATTERNS = {"dropped": DROPPED, "separators": SEPARATORS}
_DROPPED = re.compile(DROPPED)
_SEPARATORS = re.compile(SEPARATORS)


def latin(text: str) -> str:
    """``text`` in lower-case Latin letters: LETTERS for Cyrillic, accents dropped elsewhere."""
    lowered = (text or "").lower()
    mapped = "".join(LETTERS.get(char, char) for char in lowered)
    decomposed = unicodedata.normalize("NFKD", mapped)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slug_from_title(title: str) -> str:
    """A readable Latin slug for a title in any of our languages ("Әзімова" -> "azimova")."""
    slug = _SEPARATORS.sub("-", _DROPPED.sub("", latin(title))).strip("-")
    if len(slug) > SLUG_TARGET_LENGTH:
        cut = slug[: SLUG_TARGET_LENGTH + 1].rsplit("-", 1)[0]
        slug = cut or slug[:SLUG_TARGET_LENGTH]
    return slug.strip("-")
