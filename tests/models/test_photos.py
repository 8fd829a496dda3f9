"""Photo credits: one rule finds the credit a line stands for, typed or imported."""

import pytest

from articles.models import PhotoCredit
from articles.text.credits import MAX_PART_LENGTH

from ..conftest import make_credit

pytestmark = pytest.mark.django_db


class ForLineTests:
    def test_a_known_line_is_its_credit_whatever_the_case_and_spacing(self):
        credit = make_credit("Jane Doe/Reuters")
        assert PhotoCredit.objects.for_line("  JANE  DOE/REUTERS ") == credit

    def test_a_wording_merged_away_is_the_credit_it_was_merged_into(self):
        keep = make_credit("Jane Doe/Reuters")
        duplicate = make_credit("REUTERS/Jane Doe")
        keep.absorb([duplicate])
        found = PhotoCredit.objects.for_line("Reuters/JANE DOE")
        assert found == keep
        assert not found.carries_wording("Reuters/JANE DOE")
        assert found.carries_wording("jane doe/reuters")

    def test_a_new_line_is_an_unsaved_credit_split_as_an_import_splits_it(self):
        credit = PhotoCredit.objects.for_line(" REUTERS/Tom Smith ")
        assert credit.pk is None
        assert (credit.text, credit.creator, credit.agency) == (
            "REUTERS/Tom Smith",
            "Tom Smith",
            "Reuters",
        )
        assert credit.display == "Tom Smith/Reuters"
        assert not PhotoCredit.objects.exists()


def test_a_credit_line_with_an_overlong_name_fits_its_columns():
    credit = PhotoCredit.from_text("A" * (MAX_PART_LENGTH + 20) + "/Reuters")
    credit.full_clean()
    credit.save()
    assert credit.parts.is_empty
    assert credit.display == credit.text
