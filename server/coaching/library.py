"""The coaching library: training paths and script templates (话术模板), shipped in zh-CN and en."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from server.config import POLICIES_DIR

LIBRARY_FILE = "coaching-rules.yaml"


@dataclass(frozen=True)
class TrainingModule:
    name_zh: str
    name_en: str
    day: int
    """Due this many days after the plan starts."""


@dataclass(frozen=True)
class TrainingPath:
    id: str
    name_zh: str
    name_en: str
    metrics: tuple[str, ...]
    categories: tuple[str, ...]
    duration_days: int
    modules: tuple[TrainingModule, ...]


@dataclass(frozen=True)
class ScriptTemplate:
    id: str
    text_zh: str
    text_en: str
    categories: tuple[str, ...]
    metrics: tuple[str, ...]


@dataclass(frozen=True)
class Library:
    paths: dict[str, TrainingPath]
    templates: dict[str, ScriptTemplate]

    def templates_for(self, metric: str | None, categories: Iterable[str], limit: int) -> list[ScriptTemplate]:
        """Templates for the weakest ``categories`` first (in their order), then those serving ``metric``; ties by id."""
        ranked = list(categories)

        def rank(template: ScriptTemplate) -> tuple[int, int, str]:
            category_rank = min((ranked.index(c) for c in template.categories if c in ranked), default=len(ranked))
            return category_rank, 0 if metric in template.metrics else 1, template.id

        relevant = [
            template for template in self.templates.values()
            if metric in template.metrics or set(template.categories) & set(ranked)
        ]
        return sorted(relevant, key=rank)[:limit]


@lru_cache
def load_library(policies_dir: Path = POLICIES_DIR) -> Library:
    """The library of policies/coaching-rules.yaml."""
    document = yaml.safe_load((policies_dir / LIBRARY_FILE).read_text(encoding="utf-8"))
    paths = {
        raw["id"]: TrainingPath(
            raw["id"], raw["name_zh"], raw["name_en"], tuple(raw["metrics"]), tuple(raw["categories"]), int(raw["duration_days"]),
            tuple(TrainingModule(module["zh"], module["en"], int(module["day"])) for module in raw["modules"]),
        )
        for raw in document["training_paths"]
    }
    templates = {
        raw["id"]: ScriptTemplate(raw["id"], raw["zh"], raw["en"], tuple(raw["categories"]), tuple(raw["metrics"]))
        for raw in document["script_templates"]
    }
    return Library(paths, templates)
