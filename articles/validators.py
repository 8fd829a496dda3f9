"""Field validators that apply the plain-text rules to what editors type.

The rules themselves live in ``text.plain_text``, shared with the seed parser;
these only turn a broken rule into a form error under the field.
"""

from django.core.exceptions import ValidationError

from .text.body import too_deeply_nested
from .text.markdown import MAX_NESTING
from .text.plain_text import describe_control_characters


def refuse_control_characters(value: str) -> None:
    """Refuse a control character in text of several lines (tabs and breaks pass)."""
    _refuse(describe_control_characters(value, line_breaks=True))


def refuse_control_characters_in_line(value: str) -> None:
    """Refuse a control character, a line break included, in one line of text."""
    _refuse(describe_control_characters(value, line_breaks=False))


def refuse_deep_nesting(value: str) -> None:
    """Refuse a body whose quotes and lists nest so deep that text would be lost."""
    if too_deeply_nested(value):
        raise ValidationError(
            "Quotes and lists nest too deep here: what is inside the deepest one "
            "would not be shown. Take out a level (at most %(quotes)s quotes, or "
            "%(lists)s lists, one inside another).",
            code="too_deep",
            params={"quotes": MAX_NESTING - 1, "lists": (MAX_NESTING - 1) // 2},
        )


def _refuse(problem: str) -> None:
    if problem:
        raise ValidationError(
            "This text holds %(problem)s; remove it.",
            code="control_character",
            params={"problem": problem},
        )
