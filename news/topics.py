from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .languages import in_language_q
from .models import Topic


def topics_in_language(language: str):
    """Topics that exist in ``language`` (name and slug there), by name."""
    return Topic.objects.filter(in_language_q(language, model=Topic)).order_by(f"name_{language}")


def topic_in_language(slug: str, language: str):
    """The topic at ``/<language>/topics/<slug>/``, or a 404."""
    topic = (
        Topic.objects.filter(**{f"slug_{language}": slug})
        .filter(in_language_q(language, model=Topic))
        .first()
    )
    if topic is None:
        raise Http404(_("There is no such topic."))
    return topic
