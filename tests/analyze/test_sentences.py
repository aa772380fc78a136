import pytest

from conflictwatch.analyze import load_pipeline, split_sentences
from conflictwatch.analyze.sentences import MAX_SENTENCE_CHARS, dateline_length


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def texts(text, spans):
    return [text[s:e] for s, e in spans]


def test_split_keeps_abbreviations_and_quotes(nlp):
    text = (
        'The U.S. envoy said on Tuesday that fighting must stop. "We are concerned," he told '
        'reporters. "Go." Gen. Smith arrived.'
    )
    assert texts(text, split_sentences(nlp, text)) == [
        "The U.S. envoy said on Tuesday that fighting must stop.",
        '"We are concerned," he told reporters.',
        '"Go."',
        "Gen. Smith arrived.",
    ]


def test_split_breaks_at_lines_and_strips_space(nlp):
    text = "First line without stop\nSecond one!  \n\n  Third?"
    assert texts(text, split_sentences(nlp, text)) == [
        "First line without stop",
        "Second one!",
        "Third?",
    ]


def test_split_needs_a_capital_after_the_stop(nlp):
    text = "Casualties rose, e.g. among conscripts. Talks resumed."
    assert texts(text, split_sentences(nlp, text)) == [
        "Casualties rose, e.g. among conscripts.",
        "Talks resumed.",
    ]


def test_split_cuts_runaway_sentences(nlp):
    text = ", ".join(["12 34 56"] * 1000)
    spans = split_sentences(nlp, text)
    assert len(spans) > 1
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_split_empty_text(nlp):
    assert split_sentences(nlp, "") == []
    assert split_sentences(nlp, "   \n\n ") == []


def test_split_after_a_no_break_space(nlp):
    text = "A soldier was killed in a shootout.\xa0In August, two more died."
    assert texts(text, split_sentences(nlp, text)) == [
        "A soldier was killed in a shootout.",
        "In August, two more died.",
    ]


def test_lines_split_alike_alone_or_in_the_whole_text(nlp):
    # The text is tokenized once; white space around and between lines must not move any boundary.
    lines = [
        "  Shelling resumed.  ",
        "",
        'Two died. "It stopped," he said.\xa0',
        "\tTroops held e.g. the bridge",
    ]
    text = "\n".join(lines)
    spans = split_sentences(nlp, text)
    assert texts(text, spans) == [
        "Shelling resumed.",
        "Two died.",
        '"It stopped," he said.',
        "Troops held e.g. the bridge",
    ]
    one_by_one = []
    start = 0
    for line in lines:
        one_by_one += [(start + s, start + e) for s, e in split_sentences(nlp, line)]
        start += len(line) + 1
    assert spans == one_by_one


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("KHARTOUM, March 4 (Reuters) - The army said it repelled an attack.", "The army"),
        ("KYIV, Ukraine (AP) — A drone attack killed four.", "A drone"),
        ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- The army said.", "The army"),
        ("WASHINGTON — The envoy arrived.", "The envoy"),
        ("Kyiv (Reuters) - Talks resumed.", "Talks"),
        ("CAIRO/JERUSALEM, Nov 5 (Reuters) - Yemen's Houthis said.", "Yemen's Houthis"),
        ("(Reuters) - Myanmar military aircraft bombed a market.", "Myanmar military"),
        # a live report's entry stamp likewise
        ("15:30 GMT - Settlers attack olive harvesters near Ramallah", "Settlers attack"),
        ("07:40 — Three killed in a drone strike", "Three killed"),
    ],
)
def test_a_dateline_is_left_out_of_the_first_sentence(nlp, line, body):
    assert texts(line, split_sentences(nlp, line))[0].startswith(body)


@pytest.mark.parametrize(
    "line",
    [
        "US - Iran talks resumed.",
        "Hamas - the group said - fired rockets.",
        "UN - a report.",
        "US/IRAN - talks resumed.",
    ],
)
def test_a_short_word_or_a_lowercase_clause_before_a_dash_is_no_dateline(nlp, line):
    assert dateline_length(line) == 0
    assert texts(line, split_sentences(nlp, line)) == [line]
