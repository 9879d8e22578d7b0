"""Conversations for the quality tests, built message by message."""

from server.quality.engine import ConversationRecord, MessageRecord

START_US = 1_800_000_000_000_000
SECOND = 1_000_000


def conversation(
    *messages: tuple[str, str, int],
    conversation_id: str = "c-1",
    channel: str = "chat",
    category: str | None = "支付问题",
    csat: int | None = None,
    resolved: bool | None = None,
) -> ConversationRecord:
    """``messages`` as ``(sender, text, seconds after the start)``; event ids ``m1``, ``m2`` …"""
    records = tuple(
        MessageRecord(f"m{index}", sender, text, START_US + seconds * SECOND)
        for index, (sender, text, seconds) in enumerate(messages, start=1)
    )
    end = records[-1].ts_us if records else START_US
    return ConversationRecord(
        conversation_id, channel, category, "agent-1", "team-1", START_US, end, records, csat=csat, resolved=resolved,
    )


POLITE_OPENING = ("agent", "您好，很高兴为您服务", 5)
POLITE_CLOSING = (("agent", "请问还有其他问题吗？", 50), ("agent", "感谢您的咨询，祝您生活愉快，再见", 55))
