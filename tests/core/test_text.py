import pytest

from core.text import fold, search_terms, split_vietnamese_name, vietnamese_slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đất đai Cầu Giấy", "dat dai cau giay"),
        ("ĐỐNG ĐA", "dong da"),
        ("Hoà Bình", "hoa binh"),  # old-style tone placement
        ("Hòa Bình", "hoa binh"),
        ("Uỷ ban nhân dân", "uy ban nhan dan"),
        ("", ""),
    ],
)
def test_fold_removes_marks_and_the_stroke_of_d(text, expected):
    assert fold(text) == expected


def test_search_terms_drop_punctuation_and_cap_the_count():
    assert search_terms("  Cầu   Giấy!!! (Hà Nội) ") == ["cau", "giay", "ha", "noi"]
    assert search_terms("'; DROP TABLE core_ward; --") == ["drop", "table", "core", "ward"]
    assert search_terms("đ " * 100) == ["d"] * 16


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đất đai", "dat-dai"),
        ("Hướng dẫn đăng ký khai sinh trực tuyến", "huong-dan-dang-ky-khai-sinh-truc-tuyen"),
        ("đất-đai", "dat-dai"),
    ],
)
def test_vietnamese_slugify(title, slug):
    assert vietnamese_slugify(title) == slug


def test_split_vietnamese_name():
    assert split_vietnamese_name("Nguyễn  Thị Lan ") == ("Nguyễn Thị", "Lan")
    assert split_vietnamese_name("Lan") == ("", "Lan")
    assert split_vietnamese_name("") == ("", "")
