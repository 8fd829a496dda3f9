"""Split a photo credit line into its parts, and say how readers see it.

Pure functions over strings: no Django, no I/O.

House style keeps every word of meaning. A credit is shown rewritten only
when the line is exactly one of the creator, agency and distributor shapes
of the seed format: ``OLGA MALTSEVA/AFP via Getty Images`` is shown as
``Olga Maltseva/AFP via Getty Images``, ``REUTERS/Jane Doe`` as ``Jane
Doe/Reuters``. The rewrite changes only letter case, order, spacing around
slashes, a ``Photo by``-style prefix (the caption says "Photo:"), a wire's
``Photo`` service suffix, and ``on``/``from`` before a distributor (shown
``via``). Every other line is shown as written, its whitespace collapsed:
``Screenshot from YouTube`` must not read as if YouTube took the picture,
and ``Courtesy of NASA``, ``Handout via Reuters``, ``POOL/AFP`` or ``File
photo`` say what the picture is or on whose terms it is used. Such a line
may still have parts, for the licence report (``Screenshot from YouTube``:
distributor YouTube; ``POOL/AFP``: agency AFP), but they never change what
readers see (``shows_house_style``, ``format_credit``).

The shapes understood, after an optional ``Photo by``/``Image by``/
``Photo:``/``Credit:`` prefix (``*``: parts for the report, shown as written)::

    CREATOR/AGENCY via DISTRIBUTOR   OLGA MALTSEVA/AFP via Getty Images
    AGENCY/AGENCY via DISTRIBUTOR    SOPA Images/LightRocket via Getty Images
    AGENCY/CREATOR                   REUTERS/Jane Doe, XINHUA/Li Wei
    AGENCY Photo/CREATOR             AP Photo/John Smith, EPA Photo/Hans Muller
    ACRONYM/Creator                  KCNA/Kim Min (neither part known)
    CREATOR/AGENCY                   Jane Doe/Acme News (neither part known)
    CREATOR/DISTRIBUTOR              Chip Somodevilla/Getty Images
    CREATOR on|from DISTRIBUTOR      Jane Doe on Unsplash, Ann Lee on Openverse
    a known agency or distributor    AFP, Reuters, Getty Images
  * Screenshot from|via DISTRIBUTOR  Screenshot from YouTube (also Screengrab)
  * DISTRIBUTOR screenshot           YouTube screenshot
  * GENERIC/AGENCY, GENERIC via D.   POOL/AFP, STRINGER/AFP, Handout via Reuters,
                                     Still from Vimeo: the known agency, or the
                                     distributor, when the rest names no one

The part before ``via`` may itself be any slash shape, a known agency or a
name. ``on`` and ``from`` are ordinary words, so they split only before a
known distributor, after a ``Photo by`` prefix, or between two names: the
words on both sides start with a capital or a digit (name particles such as
``van`` or ``de`` aside), the side after has at most four words, and neither
side is only generic words (below). ``Protesters gather on Main Street`` is
not a credit.

Slash parts, once a known distributor after the last slash is taken off:

* every part a known agency: together they are the agency, with no creator;
* first part a known agency or distributor: agency-first, then the creator;
* otherwise, a second part that is a known agency: creator-first;
* first part ``X Photo`` or ``X Photos`` where X is a known agency or an
  acronym (a wire's photo service: ``KCNA Photo``): X is the agency, then the
  creator. ``Family Photo/Jane Doe`` or ``Jane Doe/Magnum Photos`` keep
  their words;
* a pair whose first part is one word in capitals (an acronym such as KCNA)
  and whose second part is not in capitals: agency-first;
* otherwise creator-first, and a creator followed by several slash parts keeps
  them together as the agency (``Jane Doe/SOPA Images/LightRocket``).

Anything else has no parts and is shown verbatim: a bare name (a person, an
institution or a licence cannot be told apart), any credit with the word
``courtesy`` (the wording is often required by the rights holder), generic
words (``File Photo``, ``Handout``, ``POOL``, ``STRINGER``: they name no one)
beside anything but known agencies, a part longer than eight words, or one
longer than ``MAX_PART_LENGTH`` characters (no name is; a part must fit its
column).

A creator written in capitals is title-cased when it has two or more words
(OLGA MALTSEVA becomes Olga Maltseva); a single word in capitals is kept, as it
is far more often an acronym (NASA) than a one-word name. An agency is never
title-cased: known agencies and distributors take their own spelling, unknown
ones keep what was written (an acronym's photo service less its ``Photo``).
"""

import re
from dataclasses import astuple, dataclass

_KNOWN_AGENCIES = {
    name.casefold(): name
    for name in (
        "AAP",
        "AFP",
        "Anadolu",
        "Anadolu Agency",
        "ANSA",
        "AP",
        "Bloomberg",
        "dpa",
        "EPA",
        "EPA-EFE",
        "Kyodo",
        "Kyodo News",
        "LightRocket",
        "NurPhoto",
        "PA",
        "PA Images",
        "PA Wire",
        "Reuters",
        "SOPA Images",
        "Sputnik",
        "TASS",
        "UPI",
        "Xinhua",
        "Yonhap",
        "ZUMA Press",
        "ZUMA Wire",
    )
}

_KNOWN_DISTRIBUTORS = {
    name.casefold(): name
    for name in (
        "Alamy",
        "Facebook",
        "Flickr",
        "Getty Images",
        "Instagram",
        "iStock",
        "Pexels",
        "Pixabay",
        "Shutterstock",
        "TikTok",
        "Twitter",
        "Unsplash",
        "Vimeo",
        "Wikimedia Commons",
        "YouTube",
    )
}

_PREFIX_RE = re.compile(
    r"^(?:(?:photo(?:graph)?|image|picture)\s+by\s+"
    r"|(?:photo(?:\s+credit)?|credit)\s*:\s*)(?=\S)",
    re.IGNORECASE,
)
_PHOTO_BY_RE = re.compile(r"^(?:photo(?:graph)?|image|picture)\s+by\s", re.IGNORECASE)
_SCREENSHOT_RE = re.compile(
    r"^(?:screen\s*shot|screen\s*grab|screen\s*capture)\s+(?:from|via)\s+(?P<name>.+)$",
    re.IGNORECASE,
)
# The credit's whitespace is collapsed to single spaces before these run, and
# they say so: with "\s+" where a space stands, a run of thousands of spaces
# was tried again from each of its positions, in time squared.
_TRAILING_SCREENSHOT_RE = re.compile(
    r"^(?P<name>.+?) (?:screen ?shot|screen ?grab)$", re.IGNORECASE
)
_VIA_RE = re.compile(r"^(?P<who>.+) via (?P<name>.+)$", re.IGNORECASE)
_ON_FROM_RE = re.compile(r"^(?P<who>.+) (?:on|from) (?P<name>.+)$", re.IGNORECASE)
# Wire credits often name the agency's photo service: "AP Photo", "EPA Photo".
_PHOTO_SERVICE_RE = re.compile(r"^(?P<agency>.+?) photos?$", re.IGNORECASE)
_MAX_PART_WORDS = 8
# The length of the creator, agency and distributor columns.
MAX_PART_LENGTH = 200
_MAX_ON_FROM_WORDS = 4
# Words that say what a picture is, not who made or sent it.
_GENERIC_WORDS = {
    "courtesy",
    "file",
    "footage",
    "handout",
    "image",
    "images",
    "photo",
    "photograph",
    "photos",
    "picture",
    "pictures",
    "pool",
    "screengrab",
    "screenshot",
    "still",
    "stills",
    "str",
    "stringer",
    "video",
}
# Lower-case words that may sit inside a name: "Jane van der Berg".
_NAME_PARTICLES = {
    "al",
    "bin",
    "da",
    "das",
    "de",
    "del",
    "della",
    "der",
    "des",
    "di",
    "do",
    "dos",
    "du",
    "el",
    "ibn",
    "la",
    "le",
    "st",
    "ten",
    "ter",
    "van",
    "von",
}
_COURTESY_RE = re.compile(r"\bcourtesy\b", re.IGNORECASE)
_ROMAN_NUMERALS = {"ii", "iii", "iv", "vi", "vii", "viii"}
_WORD_SPLIT_RE = re.compile(r"([-'’.])")


@dataclass(frozen=True)
class CreditParts:
    creator: str = ""
    agency: str = ""
    distributor: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.creator or self.agency or self.distributor)


def split_credit(text: str) -> CreditParts:
    """Return the creator, agency and distributor named by a credit line."""
    return _checked_split(text)[0]


def shows_house_style(text: str) -> bool:
    """Say whether a credit line is one of the shapes readers see rewritten.

    Every other line, with parts or without, is shown as written.
    """
    parts, rewritten = _checked_split(text)
    return rewritten and not parts.is_empty


def _checked_split(text: str) -> tuple[CreditParts, bool]:
    parts, rewritten = _split(text)
    if any(len(part) > MAX_PART_LENGTH for part in astuple(parts)):
        return CreditParts(), False
    return parts, rewritten


_NONE = (CreditParts(), False)


def _split(text: str) -> tuple[CreditParts, bool]:
    """Return the parts of a credit line, and whether house style rewrites it."""
    text = _collapse(text)
    if not text or _COURTESY_RE.search(text):
        return _NONE
    photo_by = bool(_PHOTO_BY_RE.match(text))
    text = _PREFIX_RE.sub("", text)

    for pattern in (_SCREENSHOT_RE, _TRAILING_SCREENSHOT_RE):
        if match := pattern.match(text):
            if _is_name(match["name"]):
                # Shown as written: "YouTube" alone would name it the creator.
                return CreditParts(distributor=_distributor(match["name"])), False
            return _NONE

    distributor = ""
    before_slash, _, after_slash = text.rpartition("/")
    if match := _VIA_RE.match(text):
        text, distributor = match["who"], match["name"]
    elif (match := _ON_FROM_RE.match(text)) and (
        photo_by
        or match["name"].casefold() in _KNOWN_DISTRIBUTORS
        or _names_either_side(match["who"], match["name"])
    ):
        text, distributor = match["who"], match["name"]
    elif before_slash and after_slash.strip().casefold() in _KNOWN_DISTRIBUTORS:
        # Staff credits put the distributor after a slash: "Jane Doe/Getty Images".
        text, distributor = before_slash, after_slash.strip()
    if distributor and not _is_name(distributor):
        return _NONE
    distributor = _distributor(distributor) if distributor else ""

    parts = [part.strip() for part in text.split("/")]
    if not all(_is_name(part) for part in parts):
        return _NONE
    if any(_is_generic(part) for part in parts):
        return _split_generic(parts, distributor), False
    return _split_named(parts, distributor), True


def _split_generic(parts: list[str], distributor: str) -> CreditParts:
    """Split "POOL/AFP" or "Handout via Reuters", whose generic words name no one.

    Only known agencies may stand beside the generic words, and something
    must be left to name: the report counts the picture under them.
    """
    named = [part for part in parts if not _is_generic(part)]
    if not all(_known_agency(part) for part in named):
        return CreditParts()
    agency = "/".join(_agency(part) for part in named)
    return CreditParts(agency=agency, distributor=distributor)


def _split_named(parts: list[str], distributor: str) -> CreditParts:
    """Split slash parts that all name someone, the shapes shown in house style."""
    if len(parts) == 1:
        name = parts[0]
        if _known_agency(name):
            return CreditParts(agency=_agency(name), distributor=distributor)
        if not distributor and name.casefold() in _KNOWN_DISTRIBUTORS:
            return CreditParts(distributor=_distributor(name))
        if not distributor:
            return CreditParts()
        return CreditParts(creator=_person(name), distributor=distributor)

    if all(_known_agency(part) for part in parts):
        # "SOPA Images/LightRocket": two agencies, no photographer named.
        agency = "/".join(_agency(part) for part in parts)
        return CreditParts(agency=agency, distributor=distributor)
    if _reads_agency_first(parts):
        if len(parts) > 2:
            # "REUTERS/Jane Doe/Staff": no safe way to place the tail.
            return CreditParts()
        if parts[0].casefold() in _KNOWN_DISTRIBUTORS and not distributor:
            return CreditParts(
                creator=_person(parts[1]), distributor=_distributor(parts[0])
            )
        return CreditParts(
            creator=_person(parts[1]),
            agency=_agency(parts[0]),
            distributor=distributor,
        )
    agency = "/".join(_agency(part) for part in parts[1:])
    return CreditParts(
        creator=_person(parts[0]), agency=agency, distributor=distributor
    )


def _reads_agency_first(parts: list[str]) -> bool:
    """Say whether a slash credit names the agency before the creator."""
    first, second = parts[0], parts[1]
    if _known_agency(first) or first.casefold() in _KNOWN_DISTRIBUTORS:
        return True
    if _known_agency(second):
        return False  # "Jane Doe/AFP", "OLGA MALTSEVA/AFP"
    if _photo_service(first):
        return True  # "EPA Photo/Hans Muller", "KCNA Photo/Kim Min"
    # "KCNA/Kim Min": an acronym before a name not written in capitals.
    return len(parts) == 2 and _is_acronym(first) and not second.isupper()


def normalize_credit(text: str) -> str:
    """Return the key under which identical credits are one credit."""
    return _collapse(text).casefold()


def format_credit(text: str, parts: CreditParts) -> str:
    """Return the credit as readers see it: in house style, or as written.

    House style applies only to a line in one of the rewritten shapes; the
    parts, split from it or typed by an editor, then make the words.
    """
    if parts.is_empty or not shows_house_style(text):
        return _collapse(text)
    who = "/".join(part for part in (parts.creator, parts.agency) if part)
    if not parts.distributor:
        return who
    return f"{who} via {parts.distributor}" if who else parts.distributor


def _collapse(text: str) -> str:
    # str.split() also splits on no-break spaces, which wire credits carry.
    return " ".join(text.split())


def _is_name(part: str) -> bool:
    return any(ch.isalnum() for ch in part) and len(part.split()) <= _MAX_PART_WORDS


def _is_generic(part: str) -> bool:
    """Say whether a part is only words like Photo, File or Handout."""
    return all(word.casefold() in _GENERIC_WORDS for word in part.split())


def _is_acronym(part: str) -> bool:
    return len(part.split()) == 1 and part.isupper() and sum(map(str.isalpha, part)) > 1


def _names_either_side(who: str, name: str) -> bool:
    """Say whether ``WHO on|from NAME`` reads as a creator and a distributor."""
    return (
        _looks_like_name(who)
        and _looks_like_name(name)
        and len(name.split()) <= _MAX_ON_FROM_WORDS
        and not _is_generic(who)
        and not _is_generic(name)
    )


def _looks_like_name(part: str) -> bool:
    """Say whether every word starts with a capital or a digit, particles aside."""
    words = part.split()
    if not words or not _starts_like_name(words[0]):
        return False
    return all(
        _starts_like_name(word)
        or word in _NAME_PARTICLES
        or not any(ch.isalnum() for ch in word)  # "&"
        or any(ch.isupper() for ch in word)  # "al-Assad", "iStock"
        for word in words[1:]
    )


def _starts_like_name(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _photo_service(name: str) -> str:
    """Return the agency of a wire's photo service ("AP Photo", "KCNA Photo"), or "".

    Only a known agency or an acronym runs one: "Family Photo", "Drone
    photo" and "Magnum Photos" say what the picture is, or are a name, and
    keep their words.
    """
    match = _PHOTO_SERVICE_RE.match(name)
    if match is None:
        return ""
    agency = match["agency"]
    return agency if agency.casefold() in _KNOWN_AGENCIES or _is_acronym(agency) else ""


def _known_agency(name: str) -> str:
    """Return the house spelling of a known agency or its photo service, or ""."""
    name = _photo_service(name) or name
    return _KNOWN_AGENCIES.get(name.casefold(), "")


def _agency(name: str) -> str:
    """Return a known agency's spelling, else the name as written (a photo
    service named by its agency: "KCNA Photo" is KCNA)."""
    name = _photo_service(name) or name
    return _KNOWN_AGENCIES.get(name.casefold(), name)


def _distributor(name: str) -> str:
    return _KNOWN_DISTRIBUTORS.get(name.casefold(), name)


def _person(name: str) -> str:
    """Title-case a name of several words in capitals; leave others alone.

    A single word in capitals is kept: it is far more often an acronym (NASA,
    UNICEF) than a one-word name.
    """
    if not name.isupper() or len(name.split()) == 1:
        return name
    return " ".join(_title_word(word) for word in name.split())


def _title_word(word: str) -> str:
    if word.casefold() in _ROMAN_NUMERALS:
        return word
    # Split keeps the separators, so JEAN-PIERRE and O'BRIEN capitalise each piece.
    pieces = _WORD_SPLIT_RE.split(word)
    titled = []
    for index, piece in enumerate(pieces):
        lower = piece.lower()
        if lower == "s" and index > 0 and pieces[index - 1] in ("'", "’"):
            titled.append(lower)  # a possessive, not a name: JAMES'S
        elif lower.startswith("mc") and len(lower) > 2:
            titled.append("Mc" + lower[2:].capitalize())
        else:
            titled.append(lower.capitalize())
    return "".join(titled)
