"""The "Report an error" prompt and dialog under a release, rendered from TypoReportForm so that
the report kinds, the length limits and the honeypot's name live only in forms.py / models.py."""

from django import template
from django.utils import translation

from news.languages import active_language

from ..forms import HONEYPOT_FIELD, TypoReportForm

register = template.Library()


@register.inclusion_tag("typo_reports/prompt.html")
def typo_report_prompt(release):
    form = TypoReportForm(initial={"page": release.pk, "language": active_language()})
    fragment, comment = form.fields["fragment"], form.fields["comment"]
    return {
        "release": release,
        "form": form,
        "report_language": translation.get_language(),
        "kinds": list(form["kind"]),
        "fragment_max_length": fragment.max_length,
        "comment_max_length": comment.max_length,
        "comment_field": form["comment"],
        "honeypot": form[HONEYPOT_FIELD],
        "kind_label": form.fields["kind"].label,
    }
