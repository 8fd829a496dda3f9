"""Field validators that apply the plain-text rules to what editors type.

The rules themselves live in ``text.plain_text``, shared with the seed parser;
these only turn a broken rule into a form error under the field.
"""

from django.core.exceptions import ValidationError

from .text.plain_text import describe_control_characters


def refuse_control_characters(value: str) -> None:
    """Refuse a control character in text of several lines (tabs and breaks pass)."""
    _refuse(describe_control_characters(value, line_breaks=True))


def refuse_control_characters_in_line(value: str) -> None:
    """Refuse a control character, a line break included, in one line of text."""
    _refuse(describe_control_characters(value, line_breaks=False))


def _refuse(problem: str) -> None:
    if problem:
        raise ValidationError(
            "This text holds %(problem)s; remove it.",
            code="control_character",
            params={"problem": problem},
        )
