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


# One palette and motif per topic, so that a list of demo releases shows varied pictures.
TOPIC_PALETTES = {
    "international-cooperation": ((11, 61, 92), (0, 98, 139), (255, 191, 71)),
    "civil-society": ((29, 107, 50), (64, 145, 87), (255, 236, 179)),
    "childrens-rights": ((176, 74, 20), (222, 120, 40), (255, 244, 214)),
    "womens-rights": ((110, 32, 92), (160, 60, 130), (255, 222, 240)),
    "prisons-and-torture-prevention": ((40, 44, 52), (74, 85, 97), (255, 191, 71)),
    "disability-rights": ((0, 84, 110), (0, 128, 150), (225, 248, 250)),
}


def _gradient(draw, size, top, bottom):
    width, height = size
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _people(draw, cx, cy, scale, colour, count=5):
    """Heads and shoulders side by side: civil society, a round table."""
    step = scale * 1.3
    start = cx - step * (count - 1) / 2
    for i in range(count):
        x = start + i * step
        lift = scale * 0.25 if i % 2 else 0
        draw.ellipse(
            [x - scale * 0.32, cy - scale - lift, x + scale * 0.32, cy - scale * 0.36 - lift],
            fill=colour,
        )
        draw.pieslice(
            [x - scale * 0.6, cy - scale * 0.3 - lift, x + scale * 0.6, cy + scale * 0.9 - lift],
            180,
            360,
            fill=colour,
        )


def _globe(draw, cx, cy, radius, colour, width):
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=colour, width=width)
    for k in (0.35, 0.7):
        draw.ellipse(
            [cx - radius * k, cy - radius, cx + radius * k, cy + radius],
            outline=colour,
            width=width,
        )
    for k in (-0.5, 0, 0.5):
        half = radius * math.sqrt(1 - k * k)
        draw.line(
            [(cx - half, cy + radius * k), (cx + half, cy + radius * k)], fill=colour, width=width
        )


def _bars_and_open_door(draw, cx, cy, scale, colour, width):
    left, top = cx - scale * 1.6, cy - scale
    for i in range(6):
        x = left + i * scale * 0.4
        draw.line([(x, top), (x, top + scale * 2)], fill=colour, width=width)
    draw.rectangle([left, top, left + scale * 2, top + scale * 2], outline=colour, width=width)
    door = [
        (cx + scale * 0.6, top),
        (cx + scale * 1.7, top + scale * 0.25),
        (cx + scale * 1.7, top + scale * 2.25),
        (cx + scale * 0.6, top + scale * 2),
    ]
    draw.polygon(door, outline=colour, width=width)


def _balloons(draw, cx, cy, scale, colours):
    for i, (dx, dy) in enumerate(((-1.2, 0.1), (0, -0.4), (1.2, 0.0), (-0.55, 0.6), (0.6, 0.5))):
        x, y = cx + dx * scale, cy + dy * scale
        r = scale * 0.45
        draw.line([(x, y + r), (cx, cy + scale * 1.6)], fill=colours[1], width=3)
        draw.ellipse([x - r, y - r * 1.15, x + r, y + r], fill=colours[i % 2 * 2])


def _circle_of_hands(draw, cx, cy, radius, colour):
    for i in range(8):
        angle = 2 * math.pi * i / 8
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        draw.ellipse(
            [x - radius * 0.28, y - radius * 0.28, x + radius * 0.28, y + radius * 0.28],
            fill=colour,
        )
    draw.ellipse(
        [cx - radius * 0.5, cy - radius * 0.5, cx + radius * 0.5, cy + radius * 0.5],
        outline=colour,
        width=int(radius * 0.08),
    )


def draw_topic_illustration(topic: str, variant: int = 0, size=(1600, 900)) -> bytes:
    """A picture without words for a release on ``topic`` (a key of topics.json), as PNG
    bytes; ``variant`` shifts the composition so that two releases on a topic differ."""
    dark, light, ink = TOPIC_PALETTES.get(topic, TOPIC_PALETTES["civil-society"])
    width, height = size
    image = PillowImage.new("RGB", size, dark)
    draw = ImageDraw.Draw(image)
    _gradient(draw, size, dark, light)
    cx = int(width * (0.5 + 0.12 * ((variant % 3) - 1)))
    cy = int(height * 0.5)
    scale = height * 0.2
    line = max(4, int(height * 0.012))
    if topic == "international-cooperation":
        _globe(draw, cx, cy, height * 0.32, ink, line)
    elif topic == "prisons-and-torture-prevention":
        _bars_and_open_door(draw, cx, cy, scale, ink, line)
    elif topic == "childrens-rights":
        _balloons(draw, cx, cy - scale * 0.3, scale, (ink, light, (255, 191, 71)))
    elif topic == "disability-rights":
        _circle_of_hands(draw, cx, cy, height * 0.27, ink)
    else:
        _people(draw, cx, cy + scale * 0.4, scale, ink, count=5 if variant % 2 == 0 else 4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
