"""The language of an answer: zh-CN unless the request's ``Accept-Language`` prefers English."""

from enum import StrEnum


class Language(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


DEFAULT_LANGUAGE = Language.ZH_CN


def negotiate(header: str | None) -> Language:
    """The supported language the ``Accept-Language`` header ranks highest (RFC 9110 weights); zh-CN by default."""
    if not header:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, Language]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, parameters = part.strip().partition(";")
        weight = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip() == "q":
            try:
                weight = float(value)
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        language = {"zh": Language.ZH_CN, "en": Language.EN}.get(primary)
        if language is not None and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def pick(language: Language, *, en: str, zh: str | None) -> str:
    """``zh`` for a Chinese answer when it exists, ``en`` otherwise."""
    return zh if language is Language.ZH_CN and zh else en
