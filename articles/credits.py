"""Split a photo credit line into creator, agency and distributor.

Pure functions over strings: no Django, no I/O. The shapes understood, after
an optional ``Photo by``/``Image by``/``Photo:``/``Credit:`` prefix::

    CREATOR/AGENCY via DISTRIBUTOR   OLGA MALTSEVA/AFP via Getty Images
    AGENCY/CREATOR                   REUTERS/Jane Doe, AP Photo/John Smith
    CREATOR/AGENCY                   Jane Doe/Acme News (neither part known)
    CREATOR/DISTRIBUTOR              Chip Somodevilla/Getty Images
    CREATOR on|from DISTRIBUTOR      Jane Doe on Unsplash, Jane Doe from Pexels
    Screenshot from|via DISTRIBUTOR  Screenshot from YouTube (also Screengrab)
    DISTRIBUTOR screenshot           YouTube screenshot
    a known agency or distributor    AFP, Reuters, Getty Images

The part before ``via`` may itself be any slash shape, a known agency or a
name. ``on`` and ``from`` split only before a known distributor or after a
``Photo by`` prefix, since they are ordinary words. A slash pair is read
agency-first when its first part is a known agency or distributor; otherwise
the first part is the creator. A creator followed by several slash parts keeps
them together as the agency (``Jane Doe/SOPA Images/LightRocket``).

Anything else has no parts and is shown verbatim: a bare name (a person, an
institution or a licence cannot be told apart), ``Courtesy of X`` (the
courtesy wording is often required by the rights holder), or a part longer
than eight words. A creator written in capitals is title-cased; known agencies
and distributors take their own spelling, unknown ones keep what was written.
"""

import re
from dataclasses import dataclass

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
# Wire credits often name the agency's photo service rather than the agency.
_KNOWN_AGENCIES |= {"ap photo": "AP", "afp photo": "AFP", "reuters photo": "Reuters"}

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
_TRAILING_SCREENSHOT_RE = re.compile(
    r"^(?P<name>.+?)\s+(?:screen\s*shot|screen\s*grab)$", re.IGNORECASE
)
_VIA_RE = re.compile(r"^(?P<who>.+)\s+via\s+(?P<name>.+)$", re.IGNORECASE)
_ON_FROM_RE = re.compile(r"^(?P<who>.+)\s+(?:on|from)\s+(?P<name>.+)$", re.IGNORECASE)
_MAX_PART_WORDS = 8
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
    text = _collapse(text)
    if not text:
        return CreditParts()
    photo_by = bool(_PHOTO_BY_RE.match(text))
    text = _PREFIX_RE.sub("", text)

    for pattern in (_SCREENSHOT_RE, _TRAILING_SCREENSHOT_RE):
        if match := pattern.match(text):
            if _is_name(match["name"]):
                return CreditParts(distributor=_distributor(match["name"]))
            return CreditParts()

    distributor = ""
    before_slash, _, after_slash = text.rpartition("/")
    if match := _VIA_RE.match(text):
        text, distributor = match["who"], match["name"]
    elif (match := _ON_FROM_RE.match(text)) and (
        photo_by or match["name"].casefold() in _KNOWN_DISTRIBUTORS
    ):
        text, distributor = match["who"], match["name"]
    elif before_slash and after_slash.strip().casefold() in _KNOWN_DISTRIBUTORS:
        # Staff credits put the distributor after a slash: "Jane Doe/Getty Images".
        text, distributor = before_slash, after_slash.strip()
    if distributor and not _is_name(distributor):
        return CreditParts()
    distributor = _distributor(distributor) if distributor else ""

    parts = [part.strip() for part in text.split("/")]
    if not all(_is_name(part) for part in parts):
        return CreditParts()
    if len(parts) == 1:
        name = parts[0]
        if name.casefold() in _KNOWN_AGENCIES:
            return CreditParts(agency=_agency(name), distributor=distributor)
        if not distributor and name.casefold() in _KNOWN_DISTRIBUTORS:
            return CreditParts(distributor=_distributor(name))
        if not distributor:
            return CreditParts()
        return CreditParts(creator=_person(name), distributor=distributor)

    first = parts[0].casefold()
    if first in _KNOWN_AGENCIES or first in _KNOWN_DISTRIBUTORS:
        if len(parts) > 2:
            # "REUTERS/Jane Doe/File Photo": no safe way to place the tail.
            return CreditParts()
        if first in _KNOWN_DISTRIBUTORS and not distributor:
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


def normalize_credit(text: str) -> str:
    """Return the key under which identical credits are one credit."""
    return _collapse(text).casefold()


def format_credit(text: str, parts: CreditParts) -> str:
    """Return the credit in house style, or the verbatim text if it has no parts."""
    if parts.is_empty:
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


def _agency(name: str) -> str:
    return _KNOWN_AGENCIES.get(name.casefold(), name)


def _distributor(name: str) -> str:
    return _KNOWN_DISTRIBUTORS.get(name.casefold(), name)


def _person(name: str) -> str:
    """Title-case a name written in capitals; leave any other spelling alone."""
    if not name.isupper():
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
