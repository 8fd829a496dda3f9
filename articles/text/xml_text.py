"""Text that XML 1.0 can carry.

Input is cleaned at the edges (the importer and the admin forms), but a value
stored before those checks, or written by a shell script, must not make a feed
or a sitemap fail: XML 1.0 has no way to write most C0 control characters,
the two non-characters U+FFFE and U+FFFF, or a lone surrogate. Feeds and
sitemaps pass every value through ``xml_safe`` on the way out.
"""

import re

_NOT_IN_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: object) -> object:
    """Return ``value`` with what XML 1.0 cannot carry removed from its text.

    Strings are cleaned; lists, tuples and dicts are cleaned item by item;
    anything else (dates, numbers, None) is returned as it is.
    """
    if isinstance(value, str):
        return _NOT_IN_XML_RE.sub("", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value
