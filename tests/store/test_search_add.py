"""Adding rows to the full-text index: many rows in one call, each found under its own ids."""

from __future__ import annotations

from pathlib import Path

from conflictwatch.store import SqlStore, open_store, search


def _hits(store: SqlStore, query: str) -> list[tuple[str, str, str]]:
    with store._reading() as connection:
        found = search.search(connection, query, kind=None, limit=50, offset=0)
    return sorted((hit.kind, hit.id, hit.doc_id) for hit in found)


def test_rows_added_together_are_each_found_and_replaced_per_document(store: SqlStore) -> None:
    with store._writing() as connection:
        search.add(
            connection,
            search.MENTION,
            [
                ("m1", "doc-a", None, "Artillery shelling near Vardenis."),
                ("m2", "doc-a", None, "Drone strike on Tovuz."),
                ("m3", "doc-b", None, "Artillery fire in Levuka."),
            ],
        )
        search.add(connection, search.DOCUMENT, [("doc-a", "doc-a", "Border clashes", "Text.")])
    assert _hits(store, "artillery") == [("mention", "m1", "doc-a"), ("mention", "m3", "doc-b")]
    assert _hits(store, "drone tovuz") == [("mention", "m2", "doc-a")]
    assert _hits(store, "clashes") == [("document", "doc-a", "doc-a")]

    # Replacing one document's mentions leaves the others' rows and its own document row alone,
    # and the new rows are numbered after every row still there.
    with store._writing() as connection:
        search.remove(connection, "doc-a", search.MENTION)
        search.add(
            connection,
            search.MENTION,
            [("m4", "doc-a", None, "Artillery duel at dawn."), ("m5", "doc-a", None, "A truce.")],
        )
    assert _hits(store, "artillery") == [("mention", "m3", "doc-b"), ("mention", "m4", "doc-a")]
    assert _hits(store, "drone") == []
    assert _hits(store, "truce") == [("mention", "m5", "doc-a")]
    assert _hits(store, "clashes") == [("document", "doc-a", "doc-a")]
    with store._reading() as connection:
        # Titles and bodies stay paired with their keys: each hit's snippet is its own text.
        hits = search.search(connection, "artillery", kind=None, limit=10, offset=0)
    assert sorted((hit.id, hit.snippet) for hit in hits) == [
        ("m3", "Artillery fire in Levuka."),
        ("m4", "Artillery duel at dawn."),
    ]


def test_the_last_word_also_begins_longer_words_the_others_match_whole(tmp_path: Path) -> None:
    """SQLite only: PostgreSQL's full-text search matches English stems, never word beginnings."""
    assert search.fts5_query(["artillery", 'say"s', "vard"]) == '"artillery" "say""s" "vard"*'
    store = open_store(str(tmp_path / "search.db"))
    with store._writing() as connection:
        search.add(
            connection,
            search.MENTION,
            [
                ("m1", "doc-a", None, "Artillery shelling near Vardenis."),
                ("m2", "doc-b", None, "Artilleryman reports from Tovuz."),
            ],
        )
    assert _hits(store, "artillery vard") == [("mention", "m1", "doc-a")]
    assert _hits(store, "shelling artill") == [("mention", "m1", "doc-a")]
    # Stems still match: "report" finds "reports"; a word that only begins one does not.
    assert _hits(store, "tovuz report") == [("mention", "m2", "doc-b")]
    assert _hits(store, "artill tovuz") == []
    store.close()
