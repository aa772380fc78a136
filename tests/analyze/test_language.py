from conflictwatch.analyze import detect_language


def test_english_article_is_english():
    guess = detect_language(
        "Armenia and Azerbaijan traded accusations on Tuesday after deadly clashes along their "
        "shared border, and both governments said the other side had opened fire first."
    )
    assert guess.language == "en"
    assert guess.confidence > 0.9
    assert guess.is_english


def test_russian_article_is_not_english():
    guess = detect_language(
        "Армения и Азербайджан во вторник обменялись обвинениями после столкновений на границе, "
        "в результате которых погибли десятки военнослужащих с обеих сторон конфликта."
    )
    assert guess.language == "ru"
    assert not guess.is_english


def test_short_or_numeric_text_is_undetermined_and_treated_as_english():
    for text in ("", "12 34 56 78", "Kapan Goris Vardenis"):
        guess = detect_language(text)
        assert guess.language == "und"
        assert guess.is_english
