"""Official-list order: by given name, in the Vietnamese alphabet, tones breaking ties."""

import pytest

from elections.text import name_sort_key


def _sorted(names):
    return sorted(names, key=name_sort_key)


def test_sorts_by_given_name_then_the_rest():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An"]
    assert _sorted(names) == ["Lê Văn An", "Trần Thị An", "Nguyễn Văn Bình"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Lê Thị An", "Lê Thị Ân"),  # a < â: a letter of its own
        ("Lê Thị Ăn", "Lê Thị Ân"),  # ă < â
        ("Lê Văn Dũng", "Lê Văn Đạt"),  # d < đ, whatever follows
        ("Lê Văn Đức", "Lê Văn Em"),  # đ < e
        ("Lê Văn Oanh", "Lê Văn Ơn"),  # o < ơ
        ("Lê Văn Uy", "Lê Văn Ưng"),  # u < ư
        ("Lê Thị An", "Lê Thị Án"),  # same letters: ngang before sắc
        ("Lê Thị Án", "Lê Thị Anh"),  # letters first, tones only break ties
        ("Lê Thị Hà", "Lê Thị Hả"),  # huyền < hỏi
        ("Lê Thị Hã", "Lê Thị Há"),  # ngã < sắc
        ("Lê Thị Há", "Lê Thị Hạ"),  # sắc < nặng
        ("Trần Thị An", "Phạm Văn Án"),  # the given name decides before the family name
    ],
)
def test_vietnamese_collation(first, second):
    assert name_sort_key(first) < name_sort_key(second)


def test_case_and_composition_do_not_matter():
    import unicodedata

    name = "Nguyễn Thị Ánh"
    assert name_sort_key(name) == name_sort_key(name.upper())
    assert name_sort_key(name) == name_sort_key(unicodedata.normalize("NFD", name))


def test_key_is_digits_only_so_every_database_collation_agrees():
    assert name_sort_key("Đặng Quốc Bảo").isdigit()
    assert name_sort_key("") == ""
