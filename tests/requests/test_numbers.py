"""Tracking numbers: readable, checked, not guessable."""
import pytest

from procedures.requests.numbers import ALPHABET, _check, display, new_number, normalise


@pytest.fixture(autouse=True)
def empty_database():
    yield


def test_numbers_are_short_unique_and_valid():
    numbers = {new_number() for _ in range(2000)}
    assert len(numbers) == 2000
    for number in list(numbers)[:200]:
        assert len(number) == 11 and set(number) <= set(ALPHABET)
        assert normalise(display(number).lower()) == number


@pytest.mark.parametrize("number", [new_number() for _ in range(20)] + ["RGVBW5Z0G9" + _check("RGVBW5Z0G9")])
def test_every_single_typo_and_neighbour_swap_is_caught(number):
    for position in range(len(number)):
        for char in ALPHABET:
            if char != number[position]:
                assert normalise(number[:position] + char + number[position + 1:]) is None
    for position in range(len(number) - 1):
        swapped = number[:position] + number[position + 1] + number[position] + number[position + 2:]
        if swapped != number:
            assert normalise(swapped) is None


def test_reading_tolerates_the_usual_confusions():
    number = new_number()
    spoken = display(number).replace("0", "O").replace("1", "l")
    assert normalise(spoken.lower()) == number
