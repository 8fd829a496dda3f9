"""Which section an imported story is filed under, by the sections' keywords.

Each section's keywords (comma-separated words or phrases) are counted in the
headline, where each match counts twice, and in the lede, as whole words,
ignoring case. The section with the highest score wins; a tie goes to the
section that comes first in the menu. No match at all files the story under
the default section (News). An editor can move it afterwards.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_WORD_RE = re.compile(r"[^\W_]+")


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
        # Section numbers by keyword: one-word keywords by the word, longer
        # ones by their first word.
        self.words: dict[str, list[int]] = {}
        self.phrases: dict[str, dict[tuple[str, ...], list[int]]] = {}
        for number, section in enumerate(sections):
            for keyword in section.keywords:
                words = tuple(_words(keyword))
                if len(words) == 1:
                    numbers = self.words.setdefault(words[0], [])
                elif words:
                    by_words = self.phrases.setdefault(words[0], {})
                    numbers = by_words.setdefault(words, [])
                else:
                    continue
                if number not in numbers:
                    numbers.append(number)

    def choose(self, headline: str, lede: str) -> str | None:
        """Return the best section's slug, or None if no keyword matches."""
        scores = [0] * len(self.slugs)
        for text, weight in ((headline, 2), (lede, 1)):
            words = _words(text)
            counts = Counter(words)
            for word in counts.keys() & self.words.keys():
                for number in self.words[word]:
                    scores[number] += weight * counts[word]
            for first in counts.keys() & self.phrases.keys():
                for start, word in enumerate(words):
                    if word != first:
                        continue
                    for phrase, numbers in self.phrases[first].items():
                        if tuple(words[start : start + len(phrase)]) == phrase:
                            for number in numbers:
                                scores[number] += weight
        best = max(range(len(scores)), key=lambda n: (scores[n], -n), default=None)
        if best is None or scores[best] == 0:
            return None
        return self.slugs[best]


def _words(text: str) -> list[str]:
    # Hyphens and apostrophes split words the same way in keywords and text,
    # so "op-ed" matches "Op-Ed" and "Russia-Ukraine" matches "russia".
    return _WORD_RE.findall(text.casefold())
