from pledges.models import milestones_between, next_milestone, previous_milestone


def test_it_lists_the_thresholds_crossed_between_two_counts():
    assert milestones_between(0, 9) == []
    assert milestones_between(9, 10) == [10]
    assert milestones_between(0, 60) == [10, 25, 50]
    assert milestones_between(10, 24) == []
    assert milestones_between(999, 2_600) == [1_000, 2_500]


def test_it_continues_the_pattern_past_ten_thousand():
    assert milestones_between(10_000, 1_000_000) == [
        25_000,
        50_000,
        100_000,
        250_000,
        500_000,
        1_000_000,
    ]


def test_it_knows_the_next_and_previous_goal():
    assert next_milestone(0) == 10
    assert next_milestone(10) == 25
    assert next_milestone(57) == 100
    assert previous_milestone(57) == 50
    assert previous_milestone(3) == 0
