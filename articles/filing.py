"""Decide where an imported article is filed: its section and its tags.

Pure functions with no Django and no I/O, so the rules are easy to test and
to explain to editors (the README states them), and so a large import can run
them in worker processes (``file_seeds``). An editor can change both
afterwards.

Section: each section's keywords (comma-separated words or phrases) are
counted in the headline, where each match counts twice, and in the lede, as
whole words, ignoring case. The section with the highest score wins; a tie
goes to the section that comes first in the menu. No match at all files the
article under the default section (News).

Tags: proper names, taken as runs of capitalised words in the body's
paragraphs (headlines and subheadings are written in title case, so they are
not scanned). A run's first word is dropped when it starts a sentence and the
text never capitalises it mid-sentence ("Later", "Convicts"). Leading titles
and nationality words are dropped ("Russian President Vladimir Putin" gives
"Vladimir Putin"), and so are month and weekday names and lone nationality
words. A name becomes a tag when it also appears in the headline, when it has
two or more words, or when it occurs at least twice. Tags are ordered: names in the
headline first, then the most frequent, then the earliest; at most eight.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .seeds import SeedArticle, SeedError, load_seed

MAX_TAGS = 8

# No look-behind: it triples the cost; a match inside a word is dropped later.
_RUN_RE = re.compile(r"[A-Z][\w'’-]*(?:[ \t\u00a0]+[A-Z][\w'’-]*)*")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_POSSESSIVES = ("'s", "’s", "'", "’")
_OPENERS = "\"'“‘([«"
_CLOSERS = "\"'”’)]»"
_SPACES = " \t\u00a0"
_WORD_RE = re.compile(r"[^\W_]+")

# Words that begin a run of capitals but are not part of the name they precede.
_TITLE_WORDS = frozenset(
    """
    president vice prime minister chancellor secretary general senator
    representative governor mayor king queen prince princess pope sir dame
    lord lady mr mrs ms dr professor chief judge justice captain colonel
    lieutenant sergeant officer ambassador spokesman spokeswoman former late
    acting deputy foreign state
    """.split()
)
_NATIONALITIES = frozenset(
    """
    afghan african albanian algerian american arab argentine armenian asian
    australian austrian azerbaijani belarusian belgian brazilian british
    bulgarian canadian chilean chinese colombian croatian cuban czech danish
    dutch eastern egyptian english ethiopian european filipino finnish french
    georgian german greek hungarian indian indonesian iranian iraqi irish
    israeli italian japanese jordanian kazakh kenyan korean lebanese libyan
    malaysian mexican mongolian moroccan nigerian northern norwegian pakistani
    palestinian peruvian polish portuguese romanian russian saudi scottish
    serbian somali southern soviet spanish sudanese swedish swiss syrian
    taiwanese thai tunisian turkish ukrainian uzbek venezuelan vietnamese
    welsh western yemeni
    """.split()
)
_NOT_NAMES = frozenset(
    """
    january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday
    the a an this that these those his her its their our my your i it he she
    we they you there here however but and or so yet also according after
    before while when where what which who why how if in on at by for with
    """.split()
)


@dataclass(frozen=True)
class SectionKeywords:
    slug: str
    keywords: tuple[str, ...]


class SectionMatcher:
    """Score a text against the keywords of every section at once.

    Build it once per import; it is plain data, so it can be sent to other
    processes.
    """

    def __init__(self, sections: Sequence[SectionKeywords]) -> None:
        self.slugs = [section.slug for section in sections]
        self.index: dict[tuple[str, ...], list[int]] = {}
        for number, section in enumerate(sections):
            for keyword in section.keywords:
                if words := tuple(_words(keyword)):
                    numbers = self.index.setdefault(words, [])
                    if number not in numbers:
                        numbers.append(number)
        self.longest = max(map(len, self.index), default=0)

    def choose(self, headline: str, lede: str) -> str | None:
        """Return the best section's slug, or None if no keyword matches."""
        scores = [0] * len(self.slugs)
        for text, weight in ((headline, 2), (lede, 1)):
            words = _words(text)
            for size in range(1, self.longest + 1):
                for start in range(len(words) - size + 1):
                    for number in self.index.get(
                        tuple(words[start : start + size]), ()
                    ):
                        scores[number] += weight
        best = max(range(len(scores)), key=lambda n: (scores[n], -n), default=None)
        if best is None or scores[best] == 0:
            return None
        return self.slugs[best]


def choose_section(
    headline: str, lede: str, sections: Sequence[SectionKeywords]
) -> str | None:
    """Return the slug of the best-matching section, or None if none matches.

    ``sections`` must come in menu order: ties go to the earlier one.
    """
    return SectionMatcher(sections).choose(headline, lede)


def _words(text: str) -> list[str]:
    # Hyphens and apostrophes split words the same way in keywords and text,
    # so "op-ed" matches "Op-Ed" and "Russia-Ukraine" matches "russia".
    return _WORD_RE.findall(text.casefold())


def choose_tags(headline: str, paragraphs: Sequence[str]) -> list[str]:
    """Return up to eight tag names drawn from the article's proper names."""
    runs = [run for paragraph in paragraphs for run in _capitalised_runs(paragraph)]
    mid_sentence = {
        word for words, starts in runs for word in (words[1:] if starts else words)
    }
    counts: dict[str, int] = {}
    for words, starts in runs:
        if starts and words[0] not in mid_sentence:
            words = words[1:]
        if words and (name := _name_from(words)):
            counts[name] = counts.get(name, 0) + 1

    headline_words = _folded_words(headline)
    headline_set = set(headline_words)
    in_headline = {
        name: (
            _contains(headline_words, _folded_words(name))
            if " " in name
            else name.casefold() in headline_set
        )
        for name in counts
    }
    # dicts keep insertion order, so the sort's last key is first appearance
    chosen = sorted(
        (
            name
            for name in counts
            if in_headline[name] or " " in name or counts[name] >= 2
        ),
        key=lambda name: (not in_headline[name], -counts[name]),
    )
    tags: list[str] = []
    folded: set[str] = set()
    for name in chosen:
        if name.casefold() not in folded:
            folded.add(name.casefold())
            tags.append(name)
    return tags[:MAX_TAGS]


def _capitalised_runs(paragraph: str) -> list[tuple[tuple[str, ...], bool]]:
    """Return the runs of capitalised words, each noting if it starts a sentence."""
    runs: list[tuple[tuple[str, ...], bool]] = []
    for match in _RUN_RE.finditer(paragraph):
        start = match.start()
        if start and (paragraph[start - 1].isalnum() or paragraph[start - 1] in "_'’-"):
            continue  # a capital inside a word: "eBay"
        before = paragraph[max(0, start - 12) : start].rstrip(_SPACES + _OPENERS)
        starts = (
            (not before and start <= 12)
            or before.endswith((".", "!", "?"))
            or (before[-1:] in _CLOSERS and before[-2:-1] in {".", "!", "?"})
        )
        words: list[str] = []
        for word in match.group().split():
            if word.endswith(_POSSESSIVES):
                # A possessive ends the name: "Russia's Recruitment".
                words.append(_POSSESSIVE_RE.sub("", word))
                runs.append((tuple(words), starts))
                words, starts = [], False
            else:
                words.append(word)
        if words:
            runs.append((tuple(words), starts))
    return runs


@lru_cache(maxsize=4096)
def _name_from(words: tuple[str, ...]) -> str:
    while words and (
        words[0].casefold() in _TITLE_WORDS
        or words[0].casefold() in _NOT_NAMES
        or (len(words) > 1 and words[0].casefold() in _NATIONALITIES)
    ):
        words = words[1:]
    while words and words[-1].casefold() in _NOT_NAMES:
        words = words[:-1]
    if not words or (len(words) == 1 and words[0].casefold() in _NATIONALITIES):
        return ""
    name = " ".join(words)
    return name if len(name) > 1 else ""


def _folded_words(text: str) -> list[str]:
    return [
        _POSSESSIVE_RE.sub("", word).casefold()
        for word in re.findall(r"[\w'’-]+", text)
    ]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return size > 0 and any(
        haystack[i : i + size] == needle for i in range(len(haystack) - size + 1)
    )


@dataclass(frozen=True)
class FiledSeed:
    """A parsed seed with the section and tags the rules chose for it."""

    seed: SeedArticle
    section_slug: str | None
    tags: tuple[str, ...]
    # Worked out where the seed is parsed, in a worker on a large import.
    body_text: str


def file_seed(data: bytes, filename: str, matcher: SectionMatcher) -> FiledSeed:
    """Parse a seed file's bytes and decide its section and tags.

    Raise ``SeedError`` for a file that is no article.
    """
    seed = load_seed(data, filename)
    return FiledSeed(
        seed,
        matcher.choose(seed.headline, seed.lede),
        tuple(choose_tags(seed.headline, seed.paragraphs)),
        seed.body_text,
    )


# Worker processes of a large import each keep one matcher, sent once.
_worker_matcher: SectionMatcher | None = None


def start_worker(matcher: SectionMatcher) -> None:
    """Initialise a worker process for ``file_seeds``."""
    global _worker_matcher
    _worker_matcher = matcher


def file_seeds(items: list[tuple[bytes, str]]) -> list[FiledSeed | SeedError]:
    """Run ``file_seed`` on many files in a worker; errors are returned, not raised."""
    assert _worker_matcher is not None, "start_worker() runs first"
    results: list[FiledSeed | SeedError] = []
    for data, filename in items:
        try:
            results.append(file_seed(data, filename, _worker_matcher))
        except SeedError as error:
            results.append(error)
    return results
