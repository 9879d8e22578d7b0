"""The sentiment lexicon on the shipped labelled set (the figures docs/quality.md publishes)."""

from pathlib import Path

from server.quality.evaluation_set import measure, read_labelled
from server.quality.sentiment import score_message

DATA = Path(__file__).parent / "data" / "sentiment.tsv"


def test_the_labelled_set_has_at_least_500_messages_of_three_labels() -> None:
    rows = read_labelled(DATA)
    assert len(rows) == 640
    assert {row.label for row in rows} == {"negative", "neutral", "positive"}


def test_accuracy_and_macro_f1_on_the_labelled_set() -> None:
    report = measure(read_labelled(DATA))
    assert report.accuracy >= 0.80
    assert (report.total, report.correct) == (640, 610)
    assert round(report.macro_f1, 4) == 0.9544


def test_negation_and_degree() -> None:
    assert score_message("不满意").label == "negative"
    assert score_message("非常满意").score == 4.0
    assert score_message("不是很满意").label == "negative"
    assert score_message("我的快递到哪了？").label == "neutral"
