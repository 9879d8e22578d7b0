"""Complaint hotspots (投诉热点): top and rising terms of customer messages per category and period.

Messages are segmented with jieba; stop words, single characters, numbers and punctuation
are dropped. A term counts once per conversation (a customer repeating a word is one voice).
"Rising" compares the share of conversations mentioning the term in the period against the
previous period of the same length with a one-sided two-proportion z-test (pooled
variance): rising when the share grew and p < ``alpha`` (0.05 by default).
"""

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import jieba

from server.quality.normalize import normalize

STOP_WORDS = frozenset(
    ["你好", "您好", "请问", "我们", "你们", "他们", "我的", "你的", "这个", "那个", "什么", "怎么", "为什么", "一下", "一个", "可以", "就是", "还是", "已经", "现在", "没有", "不是", "还有", "然后", "但是", "因为", "所以", "如果", "这样", "那样", "一直", "时候", "谢谢", "客服", "在吗", "好的", "知道", "麻烦", "帮我", "看看", "需要", "能不能", "是不是", "有没有", "怎么办", "多少", "哪里", "这边", "那边", "之前", "之后", "今天", "明天", "昨天", "的话", "一样", "自己", "还要", "我要", "不了", "一下子", "东西", "问题"]
)


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def terms(text: str) -> set[str]:
    """The distinct terms of one message (normalised first, so 投訴 counts as 投诉)."""
    folded = normalize(text).text
    return {
        word for word in _tokenizer().lcut(folded)
        if len(word) >= 2 and word not in STOP_WORDS and not word.isascii()
    }


@dataclass(frozen=True)
class Hotspot:
    category: str
    term: str
    conversations: int
    previous_conversations: int
    share: float
    previous_share: float
    rising: bool
    p_value: float | None


def _one_sided_p(count: int, total: int, previous: int, previous_total: int) -> float | None:
    if total == 0 or previous_total == 0:
        return None
    pooled = (count + previous) / (total + previous_total)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / total + 1 / previous_total))
    if spread == 0:
        return None
    z = (count / total - previous / previous_total) / spread
    return 0.5 * math.erfc(z / math.sqrt(2))


def _conversation_terms(messages: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, set[str]]]:
    """category → conversation → its terms, from ``(category, conversation id, text)``."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for category, conversation_id, text in messages:
        found[category][conversation_id] |= terms(text)
    return found


def hotspots(
    current: Iterable[tuple[str, str, str]], previous: Iterable[tuple[str, str, str]], *, top: int = 10,
    alpha: float = 0.05,
) -> list[Hotspot]:
    """Per category, its ``top`` terms by conversations mentioning them (ties by term), with the rising test."""
    now, before = _conversation_terms(current), _conversation_terms(previous)
    found: list[Hotspot] = []
    for category in sorted(now):
        conversations = now[category]
        earlier = before.get(category, {})
        counts = Counter(term for words in conversations.values() for term in words)
        earlier_counts = Counter(term for words in earlier.values() for term in words)
        for term, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]:
            previous_count = earlier_counts.get(term, 0)
            p_value = _one_sided_p(count, len(conversations), previous_count, len(earlier))
            share = count / len(conversations)
            previous_share = previous_count / len(earlier) if earlier else 0.0
            found.append(Hotspot(
                category, term, count, previous_count, share, previous_share,
                p_value is not None and p_value < alpha and share > previous_share, p_value,
            ))
    return found
