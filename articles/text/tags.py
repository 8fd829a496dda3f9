"""Which tags an imported story gets: the proper names it is about.

Tags are proper names, taken as runs of capitalised words in the body's
paragraphs (headlines and subheadings are written in title case, so they are
not scanned); a capital inside a word ("eBay", "al-Assad") starts no name. A
run's first word is dropped when it starts a sentence and the text never
capitalises it mid-sentence ("Later", "Convicts"). Leading titles and
nationality words are dropped ("Russian President Vladimir Putin" gives
"Vladimir Putin"), and so are month and weekday names and lone nationality
words. A name becomes a tag when it also appears in the headline, when it has
two or more words, or when it occurs at least twice. Tags are ordered: names
in the headline first, then the most frequent, then the earliest; at most
eight. A name longer than a tag can be (100 characters, its address included)
or with no letter or digit is no tag.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .plain_text import describe_control_characters

MAX_TAGS = 8
# The length of taggit's name and slug columns.
MAX_TAG_LENGTH = 100

# A capitalised word that does not continue a word ("eBay", "al-Assad" and
# "'Tis" are not names). The look-behind comes after the capital so that the
# regex engine still scans ahead for capitals at C speed.
_CAPITALISED = r"[A-Z](?<![\w'’-][A-Z])[\w'’-]*"
_RUN_RE = re.compile(rf"{_CAPITALISED}(?:[ \t\u00a0]+[A-Z][\w'’-]*)*")
# The first word of a sentence: after . ! ? with any closing quote, spaces and
# opening quotes.
_SENTENCE_START_RE = re.compile(
    rf"[.!?][\"'”’)\]»]?[ \t\u00a0\"'“‘(\[«]*({_CAPITALISED})"
)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_POSSESSIVES = ("'s", "’s", "'", "’")
_FOLD_WORD_RE = re.compile(r"[\w'’-]+")

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


class TagChooser:
    """Choose the tags of many stories, remembering how it read each run of capitals.

    The same names recur across a day's wire, and reading a run is most of
    the work, so an import keeps one chooser for all its files. The memory
    is the chooser's own, bounded, and starts empty with each chooser.
    """

    MEMORY = 8192

    def __init__(self) -> None:
        self._runs: dict[str, _Run] = {}
        self._names: dict[str, tuple[str, bool]] = {}

    def choose(self, headline: str, paragraphs: Sequence[str]) -> list[str]:
        """Return up to eight tag names drawn from the story's proper names."""
        return _chosen(headline, _name_counts(paragraphs, self._run), self._name)

    def _name(self, name: str) -> tuple[str, bool]:
        found = self._names.get(name)
        if found is None:
            if len(self._names) >= self.MEMORY:
                self._names.clear()
            found = self._names[name] = _name_facts(name)
        return found

    def _run(self, run: str) -> "_Run":
        found = self._runs.get(run)
        if found is None:
            if len(self._runs) >= self.MEMORY:
                self._runs.clear()
            found = self._runs[run] = _Run.of(run)
        return found


def choose_tags(headline: str, paragraphs: Sequence[str]) -> list[str]:
    """Return up to eight tag names drawn from one story's proper names."""
    return TagChooser().choose(headline, paragraphs)


def _name_facts(name: str) -> tuple[str, bool]:
    """A name's words as the headline is searched for them; whether it can be a tag."""
    return " ".join(_folded_words(name)), can_be_tag(name)


def _chosen(
    headline: str,
    counts: dict[str, int],
    facts: Callable[[str], tuple[str, bool]],
) -> list[str]:
    headline_words = _folded_words(headline)
    headline_set = set(headline_words)
    # Words never hold spaces, so a name's words appear in a row in the
    # headline exactly when " name " is part of " headline ".
    spaced_headline = f" {' '.join(headline_words)} "
    known = {name: facts(name) for name in counts}
    in_headline = {
        name: (
            f" {known[name][0]} " in spaced_headline
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
            if (in_headline[name] or " " in name or counts[name] >= 2)
            and known[name][1]
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


def can_be_tag(name: str) -> bool:
    """Say whether ``name`` can be a tag: a letter or digit, and not too long.

    The slug is made from the name's NFKC form in lower case, which can be
    longer than the name ("ﬃ" is "ffi"); both must fit.
    """
    slug_text = unicodedata.normalize("NFKC", name).lower()
    return max(len(name), len(slug_text)) <= MAX_TAG_LENGTH and any(
        ch.isalnum() for ch in name
    )


def tag_name_problem(name: str) -> str | None:
    """Say what keeps ``name`` from being a tag, in words for an editor, or None."""
    if problem := describe_control_characters(name, line_breaks=False):
        return f"The tag “{name}” holds {problem}; remove it."
    if not any(ch.isalnum() for ch in name):
        # Its address would be empty: taggit makes it from these.
        return f"The tag “{name}” has no letter or digit; a tag needs one."
    if not can_be_tag(name):
        return f"The tag “{name[:40]}…” is over {MAX_TAG_LENGTH} characters."
    return None


def _name_counts(
    paragraphs: Sequence[str], read_run: Callable[[str], "_Run"]
) -> dict[str, int]:
    """Count the proper names in ``paragraphs``, in order of first appearance.

    The text is scanned by regular expressions only, and each distinct run of
    capitals is looked at once, however often it occurs: this runs for every
    imported seed, and a Python step per word cost more than the parse.
    """
    # Every paragraph starts a sentence.
    text = ". " + ". ".join(paragraphs)
    found = Counter(_RUN_RE.findall(text))
    runs = [(read_run(run), count) for run, count in found.items()]
    sentence_openers: Counter[str] = Counter()
    for word, count in Counter(_SENTENCE_START_RE.findall(text)).items():
        sentence_openers[_bare(word)] += count
    # A word is capitalised mid-sentence if it is inside a run, or if more
    # runs begin with it than sentences do.
    mid_sentence: set[str] = set()
    run_openers: Counter[str] = Counter()
    for run, count in runs:
        run_openers[run.opener] += count
        mid_sentence |= run.inner
    mid_sentence.update(
        word for word, count in run_openers.items() if count > sentence_openers[word]
    )
    counts: dict[str, int] = {}
    for run, count in runs:
        # A first word only ever capitalised to start a sentence is no name:
        # "Later", "Convicts".
        for name in run.names if run.opener in mid_sentence else run.names_after:
            counts[name] = counts.get(name, 0) + count
    return counts


class _Run(NamedTuple):
    """A run of capitalised words, and the names it gives."""

    opener: str
    # Words in it that cannot start a sentence: all but the first.
    inner: frozenset[str]
    names: tuple[str, ...]
    # The names when the first word is dropped.
    names_after: tuple[str, ...]

    @staticmethod
    def of(run: str) -> "_Run":
        first, *rest = _names_in(run)
        without_first = [first[1:], *rest]
        return _Run(
            opener=first[0],
            inner=frozenset([*first[1:], *(word for words in rest for word in words)]),
            names=tuple(filter(None, map(_name_from, [first, *rest]))),
            names_after=tuple(
                filter(None, (_name_from(words) for words in without_first if words))
            ),
        )


def _names_in(run: str) -> tuple[tuple[str, ...], ...]:
    """Split a run of capitalised words after each possessive.

    "Russia's Recruitment" holds two names: ``(("Russia",), ("Recruitment",))``.
    """
    if "'" not in run and "’" not in run:
        return (tuple(run.split()),)
    names: list[tuple[str, ...]] = []
    words: list[str] = []
    for word in run.split():
        if word.endswith(_POSSESSIVES):
            words.append(_bare(word))
            names.append(tuple(words))
            words = []
        else:
            words.append(word)
    if words:
        names.append(tuple(words))
    return tuple(names)


def _bare(word: str) -> str:
    """Take a possessive ending off a word: "Russia's" gives "Russia"."""
    return _POSSESSIVE_RE.sub("", word) if word.endswith(_POSSESSIVES) else word


def _name_from(words: tuple[str, ...]) -> str:
    # Indexes, not slices: a slice per dropped word made a run of thousands
    # of titles ("President President ...") take time squared.
    start, end = 0, len(words)
    while start < end and (
        words[start].casefold() in _TITLE_WORDS
        or words[start].casefold() in _NOT_NAMES
        or (end - start > 1 and words[start].casefold() in _NATIONALITIES)
    ):
        start += 1
    while start < end and words[end - 1].casefold() in _NOT_NAMES:
        end -= 1
    if start == end or (end - start == 1 and words[start].casefold() in _NATIONALITIES):
        return ""
    name = " ".join(words[start:end])
    return name if len(name) > 1 else ""


def _folded_words(text: str) -> list[str]:
    return [
        _POSSESSIVE_RE.sub("", word).casefold() for word in _FOLD_WORD_RE.findall(text)
    ]
