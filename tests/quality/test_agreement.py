"""Agreement statistics against published worked examples and a hand-computed fixture."""

import pytest

from server.quality.agreement import alpha, icc, reviewer_bias

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example C: 4 observers, 12 units, missing values.
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges (rows here are judges).
SHROUT_FLEISS = [
    [9, 6, 8, 7, 10, 6],
    [2, 1, 4, 1, 5, 2],
    [5, 3, 6, 2, 6, 4],
    [8, 2, 8, 6, 9, 7],
]


def test_krippendorff_published_example() -> None:
    assert round(alpha(KRIPPENDORFF, "nominal"), 3) == 0.743
    assert round(alpha(KRIPPENDORFF, "interval"), 3) == 0.849


def test_shrout_fleiss_published_example() -> None:
    result = icc(SHROUT_FLEISS)
    assert result is not None
    assert (round(result.absolute, 2), round(result.consistency, 2), result.targets) == (0.29, 0.71, 6)


def test_hand_computed_two_reviewers() -> None:
    # conversations scored (80, 90, 70) and (85, 95, 75): B is A + 5.
    # Means per target 82.5, 92.5, 72.5; grand 82.5; BMS = 2·(0 + 100 + 100)/2 = 200; JMS = 3·(2·6.25)/1 = 37.5;
    # total SS = 6.25+6.25+...: (80−82.5)²+(85−82.5)²+(90−82.5)²+(95−82.5)²+(70−82.5)²+(75−82.5)² = 437.5;
    # EMS = (437.5 − 400 − 37.5)/2 = 0 → ICC(3,1) = 1; ICC(2,1) = 200/(200 + 0 + 2·37.5/3) = 200/225 = 8/9.
    ratings = [[80, 90, 70], [85, 95, 75]]
    result = icc(ratings)
    assert result is not None
    assert result.consistency == pytest.approx(1.0)
    assert result.absolute == pytest.approx(8 / 9)
    assert reviewer_bias(ratings) == [-5.0, 5.0]
    # interval alpha: D_o = mean squared difference within units = 25 (each unit's pair differs by 5);
    # D_e over all 6 values' pairs: Σ(x_i−x_j)² over ordered pairs / (n(n−1)) = 2·n·SS/(n(n−1)) = 2·437.5/5 = 175;
    # alpha = 1 − 25/175 = 6/7
    assert alpha(ratings, "interval") == pytest.approx(6 / 7)
    assert alpha([[1, 1], [1, 1]], "nominal") is None
