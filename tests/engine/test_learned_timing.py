"""Timing is learned, not guessed, and then used: a weekday pattern and a decision time found in the
rep's own log become suggestions with a key; accepted, they change the schedule. The funnel credits
the cadence in force at each touch."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cockpit import actions, config
from cockpit.engine.outcomes import apply_outcome, new_prospect
from cockpit.engine.stats import compute
from cockpit.model import Activity, Prospect

NY = "America/New_York"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo(NY))


def local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(NY)).replace(tzinfo=None)


def log_of(connects_at: dict[tuple[int, int], int], dials_each: int, quiet: list[tuple[int, int]], lead="cold"):
    """Calls of one lead type in November 2026 (the 3rd, 10th and 17th are Tuesdays), one prospect per
    dial: `connects_at` (day, hour) -> connects among `dials_each` dials there; `quiet` cells get
    `dials_each` dials that all go to voicemail."""
    acts, prospects = [], {}
    cells = [(cell, connects_at.get(cell, 0)) for cell in [*connects_at, *quiet]]
    for (day, hour), connects in cells:
        for n in range(dials_each):
            pid = f"{lead}-{day}-{hour}-{n}"
            prospects[pid] = Prospect(id=pid, name=pid, tz=NY, lead_type=lead, cadence="cold-call")
            acts.append(Activity(id=f"a-{pid}", prospect_id=pid, outcome="connected" if n < connects else "voicemail",
                                 at=at(11, day, hour, 10)))
    return acts, prospects


TUESDAYS_AT_4 = {(3, 16): 4, (10, 16): 4, (17, 16): 4}  # 12 connects of 30 dials
OTHER_DAYS = [(day, hour) for week in (2, 9, 16) for day in (week, week + 2, week + 3, week + 4) for hour in (10, 16)]


def tuesday_log():
    return log_of(TUESDAYS_AT_4, 10, OTHER_DAYS)  # 80 dials on other weekdays, none connects


def weekday_suggestions(stats):
    return [s for s in stats.suggestions if "best_time" in s.change]


# ---- the weekday pattern ------------------------------------------------------------------------------


def test_connects_only_on_tuesdays_at_16_yield_a_weekday_suggestion_with_a_key(rules, now):
    stats = compute(*tuesday_log(), rules, now)
    found = weekday_suggestions(stats)
    assert [s.change for s in found] == [{"timing": "cold", "best_time": "Tue 16:00"}]
    assert found[0].key == "3"  # 1 and 2 stay the window's and the cadence's
    assert found[0].text.startswith("Call your cold leads on Tuesdays at 16:00 their time: 12 of their 12 connects")


@pytest.mark.parametrize("case", ["one lucky Tuesday", "connects on every day", "no calls on other days"])
def test_no_weekday_suggestion_from_a_small_sample_or_without_a_pattern(rules, now, case):
    if case == "one lucky Tuesday":
        acts, prospects = log_of({(3, 16): 4}, 10, OTHER_DAYS)  # 4 connects: luck, not a pattern
    elif case == "connects on every day":
        acts, prospects = log_of({**TUESDAYS_AT_4, **dict.fromkeys(OTHER_DAYS, 1)}, 10, [])
    else:
        acts, prospects = log_of(TUESDAYS_AT_4, 10, [(3, 10), (10, 10), (17, 10)])  # only Tuesdays called
    stats = compute(acts, prospects, rules, now)
    assert stats.enough and weekday_suggestions(stats) == []


def test_an_accepted_pattern_is_not_suggested_again(tmp_path, rules, now):
    config.write_default(tmp_path)
    suggestion = weekday_suggestions(compute(*tuesday_log(), rules, now))[0]
    learned = actions.accept_suggestion(tmp_path, rules, suggestion.change).rules()
    assert weekday_suggestions(compute(*tuesday_log(), learned, now)) == []


def accepted_rules(tmp_path, rules, now, log):
    """The book's rules after accepting every learned-timing suggestion `log` gives, by its key."""
    config.write_default(tmp_path)
    for suggestion in compute(*log, rules, now).suggestions:
        if "timing" in suggestion.change:
            rules = actions.accept_suggestion(tmp_path, rules, suggestion.change).rules()
    return config.load(tmp_path).rules()


def walk(p: Prospect, outcomes: list[str], rules) -> list[datetime]:
    """Log each outcome when the step before falls due; the local due time of every step after it."""
    dues = []
    for outcome in outcomes:
        p = apply_outcome(p, outcome, p.next_step.due, rules).prospect
        dues.append(local(p.next_step.due))
    return dues


def test_accepting_the_tuesday_pattern_moves_the_next_cold_call_steps_to_tuesday_16_inside_their_week(
        tmp_path, rules, now):
    learned = accepted_rules(tmp_path, rules, now, tuesday_log())
    start = at(12, 3, 10)  # Thursday 3 December
    fresh = Prospect(id="p", name="Pat Quinn", tz=NY, lead_type="cold", phones=("+12125550100",))
    plain, moved = (new_prospect(fresh, start, r) for r in (rules, learned))
    assert moved.next_step == plain.next_step  # the first call is today, as the cadence says
    outcomes = ["voicemail", "voicemail", "email", "voicemail"]
    assert walk(plain, outcomes, rules) == [
        datetime(2026, 12, 7, 13), datetime(2026, 12, 8, 13), datetime(2026, 12, 10, 9), datetime(2026, 12, 14, 13)]
    assert walk(moved, outcomes, learned) == [
        datetime(2026, 12, 8, 16),   # Monday's call waits a day for Tuesday 16:00, in the same week
        datetime(2026, 12, 9, 16),   # an email step is not moved
        datetime(2026, 12, 11, 9),   # Friday: that week's Tuesday has passed, the call stays
        datetime(2026, 12, 15, 16),  # a Tuesday call moves to 16:00
    ]


def test_a_holiday_on_the_best_weekday_leaves_the_step_where_the_cadence_put_it(tmp_path, rules, now):
    learned = accepted_rules(tmp_path, rules, now, tuesday_log())
    config.add_days_off(tmp_path, [datetime(2026, 12, 8).date()])  # Tuesday 8 December off
    learned = config.load(tmp_path).rules()
    p = new_prospect(Prospect(id="p", name="Pat Quinn", tz=NY, lead_type="cold", phones=("+12125550100",)), at(12, 3, 10), learned)
    assert walk(p, ["voicemail"], learned) == [datetime(2026, 12, 7, 13)]


# ---- the decision time --------------------------------------------------------------------------------


def decision_log(days: float = 32.0, meetings: int = 6):
    """Cold prospects who book a meeting `days` after the first call, among enough calls for figures."""
    acts, prospects = log_of({(3, 10): 2, (4, 10): 2}, 12, [])
    first = at(10, 1, 10)
    for n in range(meetings):
        pid = f"met{n}"
        prospects[pid] = Prospect(id=pid, name=pid, tz=NY, lead_type="cold", cadence="cold-call")
        acts.append(Activity(id=f"{pid}-v", prospect_id=pid, outcome="voicemail", at=first))
        acts.append(Activity(id=f"{pid}-m", prospect_id=pid, outcome="meeting", at=first + timedelta(days=days)))
    return acts, prospects


def test_the_decision_time_is_a_suggestion_with_a_key(rules, now):
    stats = compute(*decision_log(), rules, now)
    found = [s for s in stats.suggestions if "decide_days" in s.change]
    assert [(s.key, s.change) for s in found] == [("3", {"timing": "cold", "decide_days": 32})]
    assert "decide in about 32 days" in found[0].text and "day 30" in found[0].text
    few = compute(*decision_log(meetings=3), rules, now)  # three meetings are an anecdote
    assert not [s for s in few.suggestions if "decide_days" in s.change]


def engaged(rules, created: datetime, talked: datetime) -> Prospect:
    p = new_prospect(Prospect(id="p", name="Pat Quinn", tz=NY, lead_type="cold", phones=("+12125550100",)), created, rules)
    return apply_outcome(p, "connected", talked, rules).prospect


def test_an_accepted_decision_time_schedules_a_value_follow_up_as_day_32_approaches(tmp_path, rules, now):
    learned = accepted_rules(tmp_path, rules, now, decision_log())
    assert learned.timing["cold"].decide_days == 32
    created, talked, quiet = at(11, 2, 10), at(11, 20, 11), at(12, 1, 10)  # day 0, day 18, day 29 (Tuesday)
    plain = apply_outcome(engaged(rules, created, talked), "voicemail", quiet, rules).next_step
    step = apply_outcome(engaged(learned, created, talked), "voicemail", quiet, learned).next_step
    assert local(plain.due) == datetime(2026, 12, 3, 13)  # the cadence's call, Thursday: day 31
    assert local(step.due) == datetime(2026, 12, 2, 13)  # day 30, Wednesday
    assert step.reason.startswith("value follow-up before they decide (your cold leads decide in about 32 days)")
    assert (step.channel, step.step) == (plain.channel, plain.step)  # it takes the cadence step's place


def test_the_decision_follow_up_is_only_for_engaged_prospects_before_the_day(tmp_path, rules, now):
    learned = accepted_rules(tmp_path, rules, now, decision_log())
    created, quiet = at(11, 2, 10), at(12, 1, 10)
    working = new_prospect(Prospect(id="p", name="Pat Quinn", tz=NY, lead_type="cold", phones=("+12125550100",)), created, learned)
    working = apply_outcome(working, "voicemail", quiet, learned)
    assert local(working.next_step.due) == datetime(2026, 12, 3, 13)  # never talked: the cadence as it is
    late = apply_outcome(engaged(learned, created, at(11, 20, 11)), "voicemail", at(12, 3, 10), learned)
    assert "decide" not in late.next_step.reason  # day 31: the day has come, the cadence goes on


# ---- the funnel ---------------------------------------------------------------------------------------


def test_the_funnel_credits_web_lead_meetings_to_web_lead_though_talking_moved_the_cadence(tmp_path, rules, now):
    from cockpit.storage import Book

    acts, prospects = log_of({(3, 10): 2, (4, 10): 2}, 12, [])  # cold calls, no meeting
    web = new_prospect(Prospect(id="w", name="Wes Lead", tz=NY, lead_type="web", phones=("+12125550100",)), at(11, 2, 10), rules)
    for outcome, moment, when in (("voicemail", at(11, 2, 10, 5), None), ("connected", at(11, 2, 11), None),
                                  ("meeting", at(11, 4, 10), at(11, 10, 10))):
        result = apply_outcome(web, outcome, moment, rules, when=when)
        acts.append(result.activity)
        web = result.prospect
    assert web.cadence == "cold-call"  # talking moved the cadence: the funnel must not follow it
    prospects["w"] = web
    funnel = {row[0]: row[1:] for row in compute(acts, prospects, rules, now).funnel["cadence"]}
    assert funnel["web-lead"] == (1, 1, 1)  # touched, connected, met
    assert funnel["cold-call"] == (24, 4, 0)
    with Book(tmp_path / "book") as book:  # the book's derived rows say the same
        book.add(prospects.values())
        book.add_activities(acts)
        assert dict((row[0], row[1:]) for row in actions.stats(book, rules, now).funnel["cadence"]) == funnel


def test_touches_after_talking_count_for_the_cadence_that_got_the_conversation_until_a_new_one_starts(rules):
    web = new_prospect(Prospect(id="w", name="Wes Lead", tz=NY, lead_type="web", phones=("+12125550100",)), at(11, 2, 10), rules)
    credited = []
    for outcome in ("voicemail", "connected", "voicemail", "voicemail"):
        result = apply_outcome(web, outcome, web.next_step.due, rules)
        credited.append(result.activity.cadence)
        web = result.prospect
    # The voicemail on the follow-up of the talk counts for web-lead (""): the one after it is cold-call's.
    assert credited == ["web-lead", "web-lead", "", "cold-call"]


def test_suggestion_keys_run_from_3_to_9_and_the_rest_wait(rules, now):
    from cockpit.engine.stats import Stats, _with_suggestions

    many = compute(*tuesday_log(), rules, now)
    for lead in ("web", "referral", "partner"):
        acts, prospects = log_of(TUESDAYS_AT_4, 10, OTHER_DAYS, lead=lead)
        many = Stats(**{**many.__dict__, "lead_heat": {**many.lead_heat, **compute(acts, prospects, rules, now).lead_heat}})
    days = {lead: 20.0 + k for k, lead in enumerate(("cold", "web", "referral", "partner"))}
    met = [(lead, 10, 5, 6) for lead in days]
    many = Stats(**{**many.__dict__, "days_to_meeting": days, "funnel": {**many.funnel, "lead type": met}})
    keys = [s.key for s in _with_suggestions(many, rules).suggestions if "timing" in s.change]
    assert keys == ["3", "4", "5", "6", "7", "8", "9"]  # eight found: the eighth waits for a free key


def test_a_preferred_time_outside_the_window_is_placed_inside_it(rules):
    from dataclasses import replace

    from cockpit.engine.rules import LeadTiming

    learned = replace(rules, timing={"cold": LeadTiming(weekday=1, at=time(20, 30))})
    p = new_prospect(Prospect(id="p", name="Pat Quinn", tz=NY, lead_type="cold", phones=("+12125550100",)), at(12, 3, 10), learned)
    due = apply_outcome(p, "voicemail", p.next_step.due, learned).next_step.due
    assert local(due) == datetime(2026, 12, 8, 16, 45)  # Tuesday, the last slot of 09:00-17:00
    assert learned.calendar.in_window(due, NY)
