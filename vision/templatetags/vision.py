"""The low-vision switch in the header: plain links that work without JavaScript."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from .. import options

register = template.Library()


@register.inclusion_tag("vision/panel.html", takes_context=True)
def vision_panel(context):
    request = context.get("request")
    here = request.get_full_path() if request is not None else "/"
    base = reverse("vision_choose")
    groups = []
    for option in options.OPTIONS:
        links = [
            {
                "label": label,
                "value": value,
                "url": f"{base}?{urlencode({option.name: value, 'next': here})}",
            }
            for value, (label, _css) in option.choices.items()
        ]
        groups.append({"name": option.name, "label": option.label, "links": links})
    return {
        "groups": groups,
        "reset_url": f"{base}?{urlencode({'reset': '1', 'next': here})}",
    }
