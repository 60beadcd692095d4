from assessment.scoring import ScoredQuestion, axis_scores, overall_score, weakest


def test_an_axis_scores_the_weighted_share_of_its_best_answers():
    questions = {
        1: ScoredQuestion(axis_id=10, weight=1, max_score=2),
        2: ScoredQuestion(axis_id=10, weight=3, max_score=2),
    }
    # 1 of 2 on the light question, 2 of 2 on the heavy one: (1*1 + 3*2) / (1*2 + 3*2) = 7/8
    assert axis_scores(questions, {1: 1, 2: 2}) == {10: 88}
    assert axis_scores(questions, {1: 2, 2: 0}) == {10: 25}


def test_questions_without_points_and_unanswered_ones_do_not_count():
    questions = {
        1: ScoredQuestion(axis_id=10, weight=1, max_score=3),
        2: ScoredQuestion(axis_id=10, weight=1, max_score=0),
        3: ScoredQuestion(axis_id=11, weight=1, max_score=3),
    }
    assert axis_scores(questions, {1: 3, 2: 0}) == {10: 100}


def test_the_overall_score_weighs_axes_and_ignores_weight_zero():
    assert overall_score({1: 100, 2: 40}, {1: 1, 2: 1}) == 70
    assert overall_score({1: 100, 2: 40}, {1: 1, 2: 3}) == 55
    assert overall_score({1: 100, 2: 40}, {1: 0, 2: 1}) == 40
    assert overall_score({}, {}) == 0


def test_weakest_axes_are_the_lowest_under_the_threshold_and_at_least_one_short_of_full_marks():
    assert weakest([("a", 90), ("b", 20), ("c", 50), ("d", 65)], below=70, at_most=2) == ["b", "c"]
    assert weakest([("a", 90), ("b", 85)], below=70, at_most=3) == ["b"]
    assert weakest([("a", 100), ("b", 100)], below=70, at_most=3) == []
