"""StreamField blocks of an office page (about, contacts, how to turn to the Commissioner).

The body is translated as a whole (body_kk, body_ru, body_en), like a release body; the blocks a
release uses are reused so that editors meet the same tools."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from news.blocks import (
    CaptionedImageBlock,
    DocumentLinkBlock,
    HeadingBlock,
    ParagraphBlock,
    QuoteBlock,
)


class ContactCardBlock(blocks.StructBlock):
    """A labelled box of contact lines: a reception, a hotline, a regional office."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    lines = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("label", blocks.CharBlock(label=_("Label"), max_length=120)),
                ("value", blocks.CharBlock(label=_("Value"), max_length=500)),
            ],
            label=_("Line"),
        ),
        label=_("Lines"),
    )

    class Meta:
        icon = "mail"
        label = _("Contact card")
        template = "office/blocks/contact_card.html"


class StepsBlock(blocks.StructBlock):
    """Numbered steps, e.g. how to file a complaint."""

    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label=_("Step"), max_length=255)),
                ("text", blocks.TextBlock(label=_("Explanation"), required=False)),
            ],
            label=_("Step"),
        ),
        label=_("Steps"),
    )

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "office/blocks/steps.html"


class StandardPageBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    contact_card = ContactCardBlock()
    steps = StepsBlock()

    class Meta:
        required = False
