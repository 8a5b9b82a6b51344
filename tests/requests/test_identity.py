"""CNIE and telephone numbers as people type them on a phone."""
import pytest

from procedures.requests import identity


CNIE = [("BK123456", "BK123456"), ("bk 123 456", "BK123456"), ("A123456", "A123456"), ("ee-445566", "EE445566"),
        ("JB98765", "JB98765")]
MOROCCO = "+212 6 12 34 56 78"
PHONES = [("0612345678", MOROCCO), ("06 12 34 56 78", MOROCCO), ("+212612345678", MOROCCO),
          ("00212 5 22 12 34 56", "+212 5 22 12 34 56"), ("07.01.02.03.04", "+212 7 01 02 03 04"),
          ("+33 6 12 34 56 78", "+33 6 12 34 56 78")]


@pytest.mark.parametrize(("typed", "kept"), CNIE)
def test_a_cnie_is_one_or_two_letters_then_digits(typed, kept):
    assert identity.cnie(typed) == kept


@pytest.mark.parametrize("typed", ["12", "abc", "", "ABC123456", "123456AB", "B", "BK12", "BK1234567890", "B K 1 2"])
def test_anything_else_is_not_a_cnie(typed):
    assert identity.cnie(typed) is None


@pytest.mark.parametrize(("typed", "kept"), PHONES)
def test_moroccan_numbers_and_numbers_from_abroad(typed, kept):
    assert identity.phone(typed) == kept


@pytest.mark.parametrize("typed", ["12", "abc", "", "06123", "061234567890", "0812345678", "+212"])
def test_what_cannot_be_dialled_is_refused(typed):
    assert identity.phone(typed) is None
