import json
from pathlib import Path

import pytest

from conflictwatch.evaluate.geo import auc, detect_format, in_half, read_articles, score

TEXT = "Clashes near Goris in Armenia. Officials in Baku denied it."


def _span(name: str) -> tuple[int, int]:
    start = TEXT.index(name)
    return start, start + len(name)


def _lgl(tmp_path: Path) -> Path:
    parts = []
    for name, lat, lon in (
        ("Goris", 39.51, 46.34),
        ("Armenia", 40.0, 45.0),
        ("Baku", 40.38, 49.89),
    ):
        s, e = _span(name)
        parts.append(
            f"<toponym><start>{s}</start><end>{e}</end><phrase>{name}</phrase>"
            f'<gaztag geonameid="1"><name>{name}</name><lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>'
        )
    xml = f'<articles><article docid="1"><text>{TEXT}</text><toponyms>{"".join(parts)}</toponyms></article></articles>'
    path = tmp_path / "lgl.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def _geovirus(tmp_path: Path) -> Path:
    s, e = _span("Goris")
    xml = (
        f"<articles><article><source>u</source><text>{TEXT}</text><locations><location>"
        f"<name>Goris</name><start>{s + 1}</start><end>{e + 1}</end><lat>39.51</lat><lon>46.34</lon>"
        "<page>p</page></location></locations></article></articles>"
    )
    path = tmp_path / "gv.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def _gwn(tmp_path: Path) -> Path:
    s, e = _span("Baku")
    g, h = _span("Goris")
    xml = (
        f'<articles><article file="0"><title>t</title><link>l</link><text>{TEXT}</text><toponyms>'
        f"<toponym><extractedName>Baku</extractedName><type>Literal</type><start>{s}</start><end>{e}</end>"
        "<geonamesID>587084</geonamesID><latitude>40.38</latitude><longitude>49.89</longitude></toponym>"
        # coordinates without a GeoNames id (a street or a building in the real file): not scored
        f"<toponym><extractedName>Goris</extractedName><type>Literal</type><start>{g}</start><end>{h}</end>"
        "<latitude>-10.0</latitude><longitude>-10.0</longitude></toponym>"
        "<toponym><extractedName>Officials</extractedName><type>Non_Toponym</type><start>31</start>"
        "<end>40</end></toponym></toponyms></article></articles>"
    )
    path = tmp_path / "gwn.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_formats_are_detected(tmp_path: Path) -> None:
    assert read_articles(_lgl(tmp_path))[0] == "lgl"
    assert read_articles(_geovirus(tmp_path))[0] == "geovirus"
    kind, articles = read_articles(_gwn(tmp_path))
    assert kind == "gwn" and len(articles[0].toponyms) == 2  # Non_Toponym dropped


def test_geovirus_offsets_are_realigned(tmp_path: Path) -> None:
    _, articles = read_articles(_geovirus(tmp_path))
    gold = articles[0].toponyms[0]
    assert TEXT[gold.start : gold.end] == "Goris"


@pytest.mark.parametrize("make", [_lgl, _geovirus, _gwn])
def test_gold_span_scoring(tmp_path: Path, make: object) -> None:
    result = score(make(tmp_path), None, gold_spans=True)  # type: ignore[operator]
    assert result.metrics["tag_f1"] == 1.0
    assert result.n >= 1
    assert result.metrics["median_km"] < 161
    assert set(result.metrics) - {"acc161_gpe_loc", "acc161_gpe_loc_last30", "n_gpe_loc"} == {
        "acc161",
        "auc",
        "mean_km",
        "median_km",
        "tag_p",
        "tag_r",
        "tag_f1",
    }


def test_out_of_range_gold_coordinates_are_not_scored(tmp_path: Path) -> None:
    path = _lgl(tmp_path)
    path.write_text(path.read_text().replace("<lat>40.38</lat>", "<lat>140.38</lat>"))
    (article,) = read_articles(path)[1]
    baku = next(t for t in article.toponyms if TEXT[t.start : t.end] == "Baku")
    assert baku.lat is None and baku.lon == 49.89
    result = score(path, None, gold_spans=True)
    assert result.n == 2


def test_country_point_error_is_counted(tmp_path: Path) -> None:
    result = score(_lgl(tmp_path), None, gold_spans=True)
    assert result.n == 3 and 0.0 <= result.metrics["auc"] <= 1.0


def test_auc_definition() -> None:
    assert auc([0.0, 0.0]) == 0.0
    assert auc([20039.0, 20039.0]) == pytest.approx(1.0, abs=1e-4)
    assert 0.0 < auc([0.0, 161.0, 1000.0]) < 1.0


def test_end_to_end_on_fixture(tmp_path: Path) -> None:
    result = score(_lgl(tmp_path), None)
    assert result.metrics["tag_r"] > 0.5
    assert detect_format.__name__ == "detect_format"


def test_halves_split_articles_in_two_disjoint_parts() -> None:
    a = {i for i in range(200) if in_half(i, "A")}
    b = {i for i in range(200) if in_half(i, "B")}
    assert a.isdisjoint(b) and len(a | b) == 200 and 60 < len(a) < 140
    assert all(in_half(i, None) for i in range(10))


def test_gwn_scores_only_toponyms_with_geonames_ids(tmp_path: Path) -> None:
    result = score(_gwn(tmp_path), None, gold_spans=True)
    assert result.n == 1 and result.metrics["acc161"] == 1.0  # Baku; Goris has no geonamesID
    assert result.details["with_coordinates"] == {"acc161": 0.5, "n": 2}
    assert result.details["geonames_no_adjectives"]["n"] == 1


def test_gwn_reports_the_subset_spacy_tags_as_places(tmp_path: Path) -> None:
    result = score(_gwn(tmp_path), None, gold_spans=True)
    tagged = result.details["geonames_gpe_loc"]
    assert tagged == {"acc161": 1.0, "n": 1}  # Baku, tagged GPE; Goris has no id
    assert result.details["geonames_gpe_loc_last30"]["n"] == 1


def test_gwn_subset_accuracies_are_metrics_too(tmp_path: Path) -> None:
    result = score(_gwn(tmp_path), None, gold_spans=True)
    assert result.metrics["acc161_gpe_loc"] == 1.0  # Baku
    assert result.metrics["acc161_gpe_loc_last30"] == 1.0
    assert result.metrics["n_gpe_loc"] == 1
    other = score(_lgl(tmp_path), None, gold_spans=True)
    assert "acc161_gpe_loc" not in other.metrics  # only GeoWebNews has the subset


def test_eval_geo_json_prints_the_subset_metrics(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from conflictwatch.cli import cli

    data = _gwn(tmp_path)
    out = CliRunner().invoke(cli, ["eval", "geo", "--data", str(data), "--gold-spans", "--json"])
    assert out.exit_code == 0, out.output
    metrics = json.loads(out.output)["metrics"]
    assert metrics["acc161_gpe_loc"] == 1.0 and metrics["acc161_gpe_loc_last30"] == 1.0
    assert metrics["acc161"] == 1.0
