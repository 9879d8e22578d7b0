"""Complaint hotspots: jieba terms per category, counted once per conversation, with the rising test."""

import math

import pytest

from server.quality.hotspots import hotspots, terms


def test_terms_are_segmented_normalised_and_filtered() -> None:
    assert terms("快递一直没有到，物流信息不更新") == {"快递", "物流", "信息", "更新"}
    assert terms("優惠券用不了") == {"优惠券"}


def test_top_and_rising_terms_hand_computed() -> None:
    current = [("物流查询", f"c{i}", "快递丢件了" if i < 6 else "查询物流") for i in range(10)]
    current.append(("物流查询", "c0", "快递快递还是快递"))  # the same conversation again: counted once
    previous = [("物流查询", f"p{i}", "快递丢件了" if i < 1 else "查询物流") for i in range(10)]
    found = {spot.term: spot for spot in hotspots(current, previous, top=3)}
    assert sorted(found) == ["丢件", "快递", "查询"]
    express = found["快递"]
    assert (express.conversations, express.previous_conversations, express.share, express.previous_share) == (6, 1, 0.6, 0.1)
    # pooled p = 7/20 = 0.35; se = √(0.35·0.65·(1/10 + 1/10)) = √0.0455; z = 0.5/√0.0455 = 2.3440; p = ½·erfc(z/√2)
    z = 0.5 / math.sqrt(0.0455)
    assert express.p_value == pytest.approx(0.5 * math.erfc(z / math.sqrt(2)))
    assert round(express.p_value, 4) == 0.0095
    assert express.rising
    query = found["查询"]
    assert (query.conversations, query.previous_conversations, query.rising) == (4, 9, False)
