import pytest

from articles.text.credit_notices import credit_label, rights_holder
from articles.text.credits import split_credit


@pytest.mark.parametrize(
    ("shown", "label"),
    [
        ("Jane Doe/Reuters", "Photo: "),
        ("Courtesy of NASA", "Photo: "),
        ("Handout via Reuters", "Photo: "),
        ("Screenshot from YouTube", ""),
        ("screen grab via Twitter", ""),
        ("File photo/AFP", ""),
        ("Image by Jane Doe", ""),
        ("Illustration: Jane Doe", ""),
        ("", "Photo: "),
    ],
)
def test_a_credit_that_says_what_the_picture_is_needs_no_photo_label(shown, label):
    assert credit_label(shown) == label


@pytest.mark.parametrize(
    ("credit", "holder"),
    [
        ("OLGA MALTSEVA/AFP via Getty Images", "AFP"),
        ("Jane Doe via Twitter", "Jane Doe"),
        ("Getty Images", "Getty Images"),
        ("Screenshot from YouTube", ""),
        ("YouTube", ""),
        ("Handout via Reuters", ""),
        ("Screenshot from Acme TV", ""),
        ("Handout via Getty Images", "Getty Images"),
        ("POOL/AFP", "AFP"),
        ("Courtesy of NASA", ""),
    ],
)
def test_only_a_holder_the_credit_names_holds_the_rights(credit, holder):
    assert rights_holder(split_credit(credit)) == holder
