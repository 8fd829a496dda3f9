"""Benchmark the seed parser on 1 MB seeds: normal wire copy against hostile text.

Usage (from the project folder)::

    .venv/bin/python bench/parse_seeds.py
    .venv/bin/python bench/parse_seeds.py --size 250000 --repeat 5

Each seed is exactly ``--size`` bytes. For each it prints the CPU time to
decode and parse it (``load_seed``, what the importer runs on every file) and
to choose its section and tags and split its credit, the best of
``--repeat`` runs, and the ratio to the normal seed. Linear-time parsing
keeps every ratio within the same order of magnitude; before the fix, the
first hostile seed alone took minutes.
A 1 MB seed is over the search limit, so the parser rejects it, but only at
the end, after reading all of it: the outcome column says so.
"""

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.text.body import join_lines  # noqa: E402
from articles.text.credits import split_credit  # noqa: E402
from articles.text.sections import SectionKeywords, SectionMatcher  # noqa: E402
from articles.text.seeds import SeedError, load_seed  # noqa: E402
from articles.text.tags import choose_tags  # noqa: E402

NBSP = "\u00a0"
WORDS = (
    "harbour council budget storm ferry election minister market shares river "
    "bridge school hospital strike talks summit treaty border drought harvest "
    "museum festival league final court ruling vaccine satellite launch orbit"
).split()
NAMES = ["Jane Doe", "Vladimir Putin", "Amara Okafor", "Kyiv", "Brussels", "Lima"]
MATCHER = SectionMatcher(
    [
        SectionKeywords("world", ("war", "summit", "treaty", "border")),
        SectionKeywords("business", ("market", "shares", "budget", "stock market")),
        SectionKeywords("sport", ("league", "final")),
    ]
)


def normal(size: int) -> str:
    """Wire copy: sentences with names, paragraphs, subheadings and links."""
    rng = random.Random(1)
    parts = ["Council agrees harbour budget after long talks [UPDATE]\n"]
    parts.append("(Photo : OLGA MALTSEVA/AFP via Getty Images)\n")
    length = sum(map(len, parts))
    while length < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
        words.insert(rng.randrange(len(words)), rng.choice(NAMES))
        paragraph = " ".join(words).capitalize() + ".\n\n"
        if rng.random() < 0.05:
            paragraph += (
                "Talks Resume\n\nRead Also: Ferry strike ends after 12 days\n\n"
            )
        parts.append(paragraph)
        length += len(paragraph)
    return "".join(parts)[:size]


def repeated(head: str, unit: str, tail: str = "") -> Callable[[int], str]:
    """Return a maker of a seed: ``head``, ``unit`` again and again, ``tail``."""

    def make(size: int) -> str:
        room = size - len(head.encode()) - len(tail.encode())
        body = (unit * (room // len(unit.encode()) + 1)).encode()[:room]
        return head + body.decode("utf-8", "ignore") + tail

    return make


HOSTILE = {
    # The finding, over and over: 24 s of CPU for one such line.
    "Read Also + 60,000 spaces": repeated(
        "Headline\n\n", "Read Also: a" + " " * 60_000 + "b\n"
    ),
    "no-break space runs": repeated("Headline\n\nLede.\n\n", "x" + NBSP * 20_000),
    "Read Also + no-break spaces": repeated(
        "Headline\n\n", "read also :" + NBSP * 20_000 + "b" + NBSP * 20_000 + "\n"
    ),
    "label brackets + spaces": repeated("Headline\n\n", "[A" + " " * 5_000),
    "titles before a name": repeated("Headline\n\nLede.\n\n", "President "),
    "one line of words": repeated("Headline\n\nLede.\n\n", "Word "),
    "empty link lines": repeated("Headline\n\n", "Related:\nRead Also:\n"),
    "control characters": repeated("Headline\n\n", "\x1b[31ma\x07 "),
    "credit of via, on and slashes": repeated(
        "Headline\n(Photo: ", "A/b via c on D ", ")\nLede.\n"
    ),
}


def measure(data: bytes, repeat: int) -> tuple[float, float, str]:
    """Return the best CPU seconds to parse and to file ``data``, and the outcome."""
    parse_times, filing_times, outcome = [], [], "parsed"
    for _ in range(repeat):
        started = time.process_time()
        try:
            seed = load_seed(data, "bench.txt")
            paragraphs, headline, credit = seed.paragraphs, seed.headline, seed.credit
        except SeedError as error:
            outcome = f"rejected at line {error.line}: {error.reason.split(' (')[0]}"
            text = data.decode("utf-8", "replace")
            # Blocks as the seed grammar splits them, for the filing rules.
            paragraphs = tuple(
                join_lines(chunk.split("\n"))
                for chunk in re.split(r"\n\s*\n", text)
                if chunk.strip()
            )
            headline, credit = text[:200], ""
        parse_times.append(time.process_time() - started)
        started = time.process_time()
        MATCHER.choose(headline, paragraphs[0] if paragraphs else "")
        choose_tags(headline, paragraphs)
        split_credit(credit)
        filing_times.append(time.process_time() - started)
    return min(parse_times), min(filing_times), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_048_576, help="bytes a seed")
    parser.add_argument("--repeat", type=int, default=3, help="runs, best is kept")
    options = parser.parse_args()

    seeds = {"normal wire copy": normal(options.size)}
    seeds.update((name, make(options.size)) for name, make in HOSTILE.items())
    header = f"{'seed':<30} {'bytes':>9} {'parse ms':>9} {'file ms':>8} {'ratio':>6}"
    print(f"{header}  outcome")
    base = None
    for name, text in seeds.items():
        data = text.encode()
        parse_s, filing_s, outcome = measure(data, options.repeat)
        total = parse_s + filing_s
        base = base or total
        print(
            f"{name:<30} {len(data):>9,} {parse_s * 1000:>9.1f} "
            f"{filing_s * 1000:>8.1f} {total / base:>6.2f}  {outcome}"
        )


if __name__ == "__main__":
    main()
