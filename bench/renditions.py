"""Benchmark making every rendition of a 24-megapixel JPEG, as the desk's save does.

Usage (from the project folder)::

    .venv/bin/python bench/renditions.py
    .venv/bin/python bench/renditions.py --repeat 5 --naive-each

The picture is 6000×4000, photographic-ish (smooth gradients, shapes and
grain, so encoders work as they would on a photo), saved as a quality-90
JPEG. It prints the median wall time of ``--repeat`` runs of:

* ``decode``: ``Image.open`` and ``load`` of the whole file, the yardstick;
* ``naive one``: that decode plus one Lanczos resize to 2400 px and a JPEG,
  what serving a single sized copy costs the plain way;
* ``renditions``: what ``make_renditions`` does (draft-mode decode, every
  crop, width and format, stored under content hashes in a fresh folder);
* ``renditions + AVIF``: the same with AVIF added to WebP and JPEG, to show
  what that format would cost;
* ``naive each`` (with ``--naive-each``, one run): decoding the original
  again for every copy, as a thumbnail library that makes copies one by one
  does.

Each is also printed as a ratio of ``decode``.
"""

import argparse
import atexit
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.signals import setting_changed  # noqa: E402

from articles.images import renditions  # noqa: E402
from articles.models.photos import rendition_storage  # noqa: E402

SIZE = (6000, 4000)


def photographic(size: tuple[int, int] = SIZE) -> bytes:
    """Return a JPEG that compresses like a photo: gradients, shapes, grain."""
    width, height = size
    small = (width // 8, height // 8)
    red = Image.linear_gradient("L").resize(small)
    green = Image.radial_gradient("L").resize(small)
    blue = Image.linear_gradient("L").rotate(90).resize(small)
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for step in range(40):
        x, y = (step * 97) % small[0], (step * 53) % small[1]
        draw.ellipse((x, y, x + 60, y + 40), fill=(step * 6, 255 - step * 5, 120))
    image = image.filter(ImageFilter.GaussianBlur(2)).resize(size, Image.BICUBIC)
    grain = Image.effect_noise(size, 18).convert("RGB")
    image = Image.blend(image, grain, 0.3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def decode_whole(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def naive_one(data: bytes) -> bytes:
    image = decode_whole(data)
    copy = image.resize((2400, 1600), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def all_renditions(data: bytes, formats: tuple[str, ...]) -> list:
    """Make every rendition into a fresh folder, as for a new picture."""
    folder = tempfile.mkdtemp(prefix="bench-renditions-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    settings.MEDIA_ROOT = folder
    # As override_settings would say it: the storages read MEDIA_ROOT again.
    setting_changed.send(
        sender=type(settings), setting="MEDIA_ROOT", value=folder, enter=True
    )
    renditions.FORMATS = formats
    image = renditions.decode(io.BytesIO(data), renditions.WIDTHS[-1])
    return list(renditions.cut(image, (0.5, 0.5)))


def naive_each(data: bytes, made: list) -> None:
    for item in made:
        image = decode_whole(data)
        copy = image.resize((item.width, item.height), Image.Resampling.LANCZOS)
        copy.save(io.BytesIO(), "JPEG" if item.format == "jpeg" else "WEBP")


def sizes_by_format(made: list) -> dict[str, int]:
    storage = rendition_storage()
    totals: dict[str, int] = {}
    for item in made:
        totals[item.format] = totals.get(item.format, 0) + storage.size(item.name)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-each", action="store_true")
    args = parser.parse_args()

    data = photographic()
    print(f"Picture: {SIZE[0]}×{SIZE[1]} JPEG, {len(data) / 1e6:.1f} MB")
    standard = (renditions.Format.WEBP, renditions.Format.JPEG)
    with_avif = (renditions.Format.AVIF, *standard)
    results = {
        "decode": median_seconds(lambda: decode_whole(data), args.repeat),
        "naive one": median_seconds(lambda: naive_one(data), args.repeat),
        "renditions": median_seconds(
            lambda: all_renditions(data, standard), args.repeat
        ),
        "renditions + AVIF": median_seconds(
            lambda: all_renditions(data, with_avif), args.repeat
        ),
    }
    made = all_renditions(data, with_avif)
    if args.naive_each:
        plain = [item for item in made if item.format != "avif"]
        results["naive each"] = median_seconds(lambda: naive_each(data, plain), 1)
    base = results["decode"]
    print(f"{'step':<20}{'seconds':>9}{'× decode':>10}")
    for name, seconds in results.items():
        print(f"{name:<20}{seconds:>9.2f}{seconds / base:>10.1f}")
    counts: dict[str, int] = {}
    for item in made:
        counts[item.format] = counts.get(item.format, 0) + 1
    for fmt, total in sizes_by_format(made).items():
        print(f"{fmt}: {counts[fmt]} files, {total / 1e3:,.0f} kB")


if __name__ == "__main__":
    main()
