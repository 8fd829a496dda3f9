"""Benchmark rendering an article body: a 5,000-word story, once per change.

Usage (from the project folder)::

    .venv/bin/python bench/render_body.py
    .venv/bin/python bench/render_body.py --words 5000 --repeat 21

The story is Markdown using every construct of the body: paragraphs with
emphasis and links, subheadings, bulleted and numbered lists, block quotes,
pull quotes and Read Also points; once as a story is written (a tenth of the
sentences with a link), once with every sentence marked up. It prints the
median CPU time of ``--repeat`` runs of each step a change and a page take:

* ``render_body``: what a save (or the preview) does, once per change;
* ``render_blocks``: what the importer does for a seed of the same length,
  from its parsed blocks;
* ``first_paragraph``: what a listing's summary reads;
* ``fill_read_also``: what a page does per request with the stored HTML.
"""

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.text.body import (  # noqa: E402
    first_paragraph,
    parse_body,
    render_blocks,
    render_body,
)
from articles.text.markdown import fill_read_also  # noqa: E402

WORDS = (
    "harbour council budget storm ferry election minister market shares river "
    "bridge school hospital strike talks summit treaty border drought harvest "
    "museum festival league final court ruling vaccine satellite launch orbit"
).split()


def story(words: int, markup: float) -> str:
    """Return a Markdown story of about ``words`` words using every construct.

    ``markup`` is the share of sentences with an emphasis and with a link.
    """
    rng = random.Random(5000)
    parts, count, number = [], 0, 0

    def sentence(length: int) -> str:
        chosen = [rng.choice(WORDS) for _ in range(length)]
        if rng.random() < markup:
            chosen[rng.randrange(length)] = "*" + rng.choice(WORDS) + "*"
        if rng.random() < markup:
            at = rng.randrange(length)
            chosen[at] = f"[{chosen[at]}](https://example.org/{number})"
        return " ".join(chosen).capitalize() + "."

    while count < words:
        number += 1
        kind = number % 12
        if kind == 3:
            block = f"## {sentence(5)[:-1]}"
        elif kind == 5:
            block = "\n".join(f"- {sentence(8)}" for _ in range(4))
        elif kind == 7:
            block = "\n".join(f"{n}. {sentence(8)}" for n in range(1, 4))
        elif kind == 9:
            block = f"> {sentence(20)}\n> {sentence(15)}"
        elif kind == 10:
            block = f"Pull Quote: {sentence(14)}\n— Jane Doe, harbour master"
        elif kind == 11:
            block = f"Read Also: {sentence(7)[:-1]}"
        else:
            block = " ".join(sentence(rng.randint(12, 25)) for _ in range(3))
        parts.append(block)
        count += len(block.split())
    return "\n\n".join(parts)


def median_ms(step: Callable[[object], object], value: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        step(value)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=21)
    options = parser.parse_args()

    print(f"median CPU time of {options.repeat} runs")
    for label, markup in [("a story", 0.1), ("every sentence marked up", 1.0)]:
        text = story(options.words, markup)
        html = render_body(text)
        blocks = parse_body(text)
        print(
            f"\n{label}: {len(text.split()):,} words, {text.count('](')} links, "
            f"{len(text):,} characters, {len(html):,} characters of HTML"
        )
        steps = {
            "render_body (each change)": (render_body, text),
            "render_blocks (importer, its blocks)": (render_blocks, blocks),
            "first_paragraph (a listing's summary)": (first_paragraph, text),
            "fill_read_also (each page)": (_fill, html),
        }
        for name, (step, value) in steps.items():
            print(f"  {name:40} {median_ms(step, value, options.repeat):8.2f} ms")


def _fill(html: str) -> str:
    return fill_read_also(html, lambda position, key: None)


if __name__ == "__main__":
    main()
