"""Customer sentiment by lexicon: offline, explainable, measured on ``tests/quality/data/sentiment.tsv``.

A message is normalised (``server.quality.normalize``) and scanned left to right for the
longest lexicon entry at each position. A sentiment word scores its weight, doubled after
a degree adverb (很, 非常, 太 …) and flipped after a negator within two characters (不,
没 …) unless the entry already carries its negation (不满意). Complaint markers (投诉,
12315, 曝光 …) and repeated ``!``/``?`` in the original add negative weight. The sum is
the message's score: ``<= NEGATIVE_AT`` negative, ``>= POSITIVE_AT`` positive, else neutral.
docs/quality.md publishes the accuracy and macro-F1 on the labelled set.
"""

from dataclasses import dataclass

from server.quality.normalize import normalize

NEGATIVE_AT = -1.0
POSITIVE_AT = 1.0

NEGATIVE_WORDS: dict[str, float] = {
    word: 2.0
    for word in ["投诉", "骗子", "骗人", "欺骗", "垃圾", "坑人", "太坑", "恶心", "气死", "无语", "愤怒", "离谱", "差劲", "太差", "很差", "真差", "烂透", "什么破", "破东西", "不满意", "不满", "失望", "受不了", "忍无可忍", "再也不", "别再", "退钱", "赔偿", "维权", "曝光", "举报", "差评", "黑心", "忽悠", "敷衍", "推脱", "踢皮球", "不负责任", "没人管", "没人理", "没人回", "耍我", "浪费时间", "太慢", "太久", "一直没", "还没到", "还没有", "怎么还", "到底", "凭什么", "搞什么", "莫名其妙", "乱扣", "乱收", "扣了我", "多扣", "被扣", "乱收费", "霸王", "强制", "套路", "难用", "闪退", "打不开", "用不了", "登不上", "坏了", "破损", "碎了", "丢了", "丢件", "少发", "错发", "发错", "漏发", "质量问题", "假货", "过期", "变质", "拒绝退", "不给退", "不让退", "不退", "不处理", "不解决", "没解决", "解决不了", "没用", "没有用", "白等", "等了半天", "等了好久", "烦死", "烦人", "崩溃", "生气", "着急", "急死", "担心", "害怕", "焦虑", "麻烦死", "糟糕", "糟透", "晦气", "骂", "滚", "呵呵", "服了", "醉了", "不靠谱", "不专业", "态度差", "态度恶劣", "一点用都没有"]
}
NEGATIVE_WORDS.update({
    word: 1.0
    for word in ["故障", "异常", "错误", "失败", "延迟", "超时", "慢", "差", "贵", "不行", "不对", "不能用", "没收到", "没到", "没发", "没反应", "没有回复", "卡住", "卡顿", "投诉你们", "怎么回事", "还要等", "又", "再次", "第三次", "好几次", "两次", "还是", "总是", "每次", "反复", "重复", "催", "坑", "被坑", "异味", "用过的", "扣费", "扣款", "多收", "被盗", "冻结", "封号", "被封", "驳回", "拒绝", "拖", "拖延", "不见了", "找不到", "联系不上", "打不通", "不回", "漏", "损坏", "错", "降价", "没更新", "不管", "没人", "不给"]
})
POSITIVE_WORDS: dict[str, float] = {
    word: 2.0
    for word in ["谢谢", "感谢", "多谢", "辛苦", "满意", "非常好", "很好", "太好了", "真好", "好评", "五星", "点赞", "赞", "棒", "给力", "专业", "耐心", "贴心", "周到", "靠谱", "解决了", "搞定了", "处理好了", "收到了", "到了", "好用", "喜欢", "开心", "高兴", "放心", "完美", "厉害", "及时", "迅速", "神速", "效率高", "热情", "感激"]
}
POSITIVE_WORDS.update({word: 1.0 for word in ["好的", "不错", "没问题", "明白", "了解", "清楚", "理解", "方便", "顺利", "很快", "ok", "嗯嗯", "收到"]})
NEUTRAL_WORDS = ["你好", "您好", "好像", "只好", "好几", "快递", "可以", "退货", "退款", "取消", "多久", "问题", "为什么", "请问", "知道", "好久", "说好", "好吗", "是否", "一直", "处理"]
"""Words that contain a sentiment word but carry none (你好 is not 好): consumed without a score."""
NEGATORS = ("不", "没", "没有", "别", "无", "未", "并不", "不太", "不是", "毫无")
DEGREE = {"很": 1.5, "非常": 2.0, "太": 2.0, "特别": 2.0, "超": 1.5, "十分": 2.0, "极其": 2.0, "真": 1.5, "好": 1.2}
_LEXICON: dict[str, float] = {
    **{w: 0.0 for w in NEUTRAL_WORDS}, **{w: -v for w, v in NEGATIVE_WORDS.items()}, **POSITIVE_WORDS
}
_LONGEST = max(len(word) for word in _LEXICON)


@dataclass(frozen=True)
class Sentiment:
    """A message's score and label (negative/neutral/positive) with the words that made it."""

    score: float
    label: str
    cues: tuple[str, ...]


def _preceded_by(text: str, start: int, words: tuple[str, ...] | dict[str, float], reach: int) -> str | None:
    window = text[max(0, start - reach):start]
    return next((word for word in words if window.endswith(word) or (reach > len(word) and word in window)), None)


def score_message(text: str) -> Sentiment:
    """The lexicon score of one customer message (see the module docstring)."""
    folded = normalize(text).text
    score = 0.0
    cues: list[str] = []
    position = 0
    while position < len(folded):
        word = next(
            (folded[position:position + size] for size in range(min(_LONGEST, len(folded) - position), 0, -1)
             if folded[position:position + size] in _LEXICON),
            None,
        )
        if word is None:
            position += 1
            continue
        weight = _LEXICON[word]
        if weight == 0.0:
            position += len(word)
            continue
        degree = _preceded_by(folded, position, DEGREE, 2)
        if degree is not None:
            weight *= DEGREE[degree]
        negator = _preceded_by(folded, position, NEGATORS, 3)
        if negator is not None and not word.startswith(NEGATORS):
            weight = -weight * (0.5 if weight < 0 else 1.0)
        score += weight
        cues.append(word)
        position += len(word)
    emphatic = text.count("!") + text.count("！") + text.count("?") + text.count("？")
    if emphatic >= 2 and score <= 0:
        score -= 1.0
    label = "negative" if score <= NEGATIVE_AT else "positive" if score >= POSITIVE_AT else "neutral"
    return Sentiment(score, label, tuple(cues))
