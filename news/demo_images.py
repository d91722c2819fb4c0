"""Pictures for the demo content, drawn with Pillow so that nothing is downloaded."""

import io
import math

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont

EU_BLUE = (0, 51, 153)
STAR_GOLD = (255, 204, 0)


def _star(draw, cx, cy, radius, fill):
    points = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        r = radius if i % 2 == 0 else radius * 0.4
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def draw_visit_illustration(caption: str, size=(1600, 900)) -> bytes:
    """A ring of twelve stars on blue with ``caption`` under it, as PNG bytes."""
    width, height = size
    image = PillowImage.new("RGB", size, EU_BLUE)
    draw = ImageDraw.Draw(image)
    # A lighter band gives the picture some depth without any external asset.
    for y in range(height):
        shade = int(20 * y / height)
        draw.line([(0, y), (width, y)], fill=(0, 51 + shade, 153 + shade))
    cx, cy, ring = width // 2, int(height * 0.42), int(height * 0.26)
    for i in range(12):
        angle = 2 * math.pi * i / 12
        _star(
            draw,
            cx + ring * math.cos(angle),
            cy + ring * math.sin(angle),
            height * 0.035,
            STAR_GOLD,
        )
    font = ImageFont.load_default(size=int(height * 0.07))
    box = draw.textbbox((0, 0), caption, font=font)
    draw.text(
        ((width - (box[2] - box[0])) / 2, height * 0.8), caption, font=font, fill=(255, 255, 255)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
