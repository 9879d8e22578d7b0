"""Measuring the sentiment lexicon on a labelled set: accuracy, per-label precision/recall/F1 and macro-F1."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from server.quality.sentiment import score_message

LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class LabelledMessage:
    label: str
    text: str
    kind: str


@dataclass(frozen=True)
class SentimentReport:
    total: int
    correct: int
    f1: dict[str, float]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total

    @property
    def macro_f1(self) -> float:
        return sum(self.f1.values()) / len(self.f1)


def read_labelled(path: Path) -> list[LabelledMessage]:
    """The rows of a ``label<TAB>text<TAB>kind`` file (``#`` comments and the header skipped)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("label\t"):
            continue
        label, text, kind = line.split("\t")
        rows.append(LabelledMessage(label, text, kind))
    return rows


def measure(messages: Iterable[LabelledMessage]) -> SentimentReport:
    """Accuracy and per-label F1 of ``score_message`` against the labels."""
    pairs = [(message.label, score_message(message.text).label) for message in messages]
    f1: dict[str, float] = {}
    for label in LABELS:
        true_positive = sum(1 for gold, guess in pairs if gold == label and guess == label)
        predicted = sum(1 for _, guess in pairs if guess == label)
        actual = sum(1 for gold, _ in pairs if gold == label)
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / actual if actual else 0.0
        f1[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SentimentReport(len(pairs), sum(1 for gold, guess in pairs if gold == guess), f1)
