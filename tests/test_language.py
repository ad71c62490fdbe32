"""Language identification says "unknown" (None) for noise rather than guess."""

from __future__ import annotations

import random
import string

import pytest

from newsweave.language import detect_language

TEXTS = {
    "en": "The city council approved the new tram line on Friday after a two-year debate.",
    "ru": "Правительство утвердило проект федерального бюджета на следующий год, сообщил министр.",
    "ja": "東京都は金曜日、新しい路面電車の路線を承認したと発表した。市長は来年開業すると述べた。",
    "ar": "قال رئيس البلدية يوم الجمعة إن خط الترام الجديد سيفتح العام المقبل بعد نقاش طويل.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_writing_is_identified(language: str) -> None:
    assert detect_language(TEXTS[language]) == language


def _noise(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    return {
        # random code points from every script (what the classifier called 'gcf')
        "scripts": "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(3000)),
        # random printable ASCII: symbols as much as letters
        "symbols": "".join(rng.choice(string.printable[:94]) for _ in range(3000)),
        # random bytes decoded as Latin-1 (every byte is a character)
        "bytes": bytes(rng.randrange(0x80, 0x100) for _ in range(3000)).decode("latin-1"),
        # random letters in word-sized runs (the classifier's own "no language", zxx)
        "letters": " ".join(
            "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 9)))
            for _ in range(400)
        ),
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_noise_is_unknown_never_a_guess(seed: int) -> None:
    for kind, text in _noise(seed).items():
        assert detect_language(text) is None, kind
