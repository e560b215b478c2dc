"""Vietnamese collation for official candidate lists.

Official lists (danh sách chính thức) sort by the given name — the last word of the full
name — then by the rest of the name read from the start. Our rule, in one place:

1. Letters compare in the order of the Vietnamese alphabet, where each letter with a
   modified base is a letter of its own: a < ă < â < b < c < d < đ < e < ê < g < h < i
   < k < l < m < n < o < ô < ơ < p < q < r < s < t < u < ư < v < x < y (f, j, w, z, which
   appear only in foreign or minority names, are placed after their neighbours in the
   Latin alphabet). Digraphs (ch, gh, ng, nh, ph, th, tr…) are not treated as single
   letters: official lists and dictionaries since the 1990s sort letter by letter.
2. Tone marks only break ties between words with the same letters, in the dictionary
   order ngang < huyền < hỏi < ngã < sắc < nặng ("An" < "Án" < "Anh" < "Ân"). The given
   name is compared completely (letters, then tones) before the rest of the name.
3. Case is ignored; anything that is not a letter (hyphen, apostrophe) is dropped.

The key is a string of digits, so every database collation (C, en_US, vi_VN) orders it
the same way. When the official list gives its own order (``list_order``), that wins.
"""

import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: f"{index + 10:02d}" for index, letter in enumerate(_ALPHABET)}
# Combining marks of the five tones (NFD), in dictionary order after ngang (no mark).
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Combining marks that make a letter of its own (ă, â/ê/ô, ơ/ư); đ is precomposed only.
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}
_SEPARATOR = "00"


def _letters(word: str) -> tuple[str, str]:
    """The (letter ranks, tones) of one word."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONES:
            tones[-1:] = [_TONES[char]] if tones else []
        elif char in _MODIFIERS:
            if letters:
                letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        elif char.isalpha():
            letters.append(char)
            tones.append("0")
    return "".join(_RANK.get(letter, "99") for letter in letters), "".join(tones)


def name_sort_key(full_name: str) -> str:
    """The sort key of a full name in official-list order (see the module docstring)."""
    words = (full_name or "").split()
    if not words:
        return ""
    given = _letters(words[-1])
    rest = [_letters(word) for word in words[:-1]]
    rest_letters = _SEPARATOR.join(part[0] for part in rest)
    rest_tones = "".join(part[1] for part in rest)
    return _SEPARATOR.join([given[0], given[1], rest_letters, rest_tones])[:255]
