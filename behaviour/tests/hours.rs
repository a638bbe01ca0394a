//! Hours of operation in the company's time zone — weekdays, overnight intervals, daylight
//! saving jumps both ways — and blacklist closures, alone and overlapping.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc, Weekday};
use queue_behaviour::*;
use queue_core::*;

const SYS: Actor = Actor::System;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn open(h: &mut Harness, q: QueueId, when: DateTime<Utc>) -> OpenStatus {
    h.engine.is_open(&SYS, q, when).unwrap()
}

fn office_hours(weekday: Weekday) -> OpenInterval {
    OpenInterval {
        weekday,
        opens: t(9, 0),
        closes: t(17, 0),
    }
}

fn weekdays() -> Vec<OpenInterval> {
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ]
    .map(office_hours)
    .to_vec()
}

fn office_hours_follow_the_company_time_zone_in_winter_and_summer(h: &mut Harness) {
    let c = h.company_in("Amsterdam BV", "Europe/Amsterdam");
    let q = h.queue(c, "support");
    h.engine.set_hours(&SYS, c, Some(q), weekdays()).unwrap();
    // Winter: CET = UTC+1, so 09:00 local is 08:00 UTC.
    assert!(!open(h, q, at(2026, 1, 5, 7, 59)).open);
    assert!(open(h, q, at(2026, 1, 5, 8, 0)).open);
    assert!(open(h, q, at(2026, 1, 5, 15, 59)).open);
    let evening = open(h, q, at(2026, 1, 5, 16, 0));
    assert!(!evening.open);
    assert_eq!(evening.next_open, Some(at(2026, 1, 6, 8, 0)));
    // Summer: CEST = UTC+2, so 09:00 local is 07:00 UTC.
    assert!(open(h, q, at(2026, 7, 6, 7, 0)).open);
    assert!(!open(h, q, at(2026, 7, 6, 15, 0)).open);
    // Friday evening: next opening is Monday morning.
    let weekend = open(h, q, at(2026, 1, 9, 18, 0));
    assert_eq!(weekend.next_open, Some(at(2026, 1, 12, 8, 0)));
}

fn a_local_time_skipped_by_spring_forward_opens_one_gap_later(h: &mut Harness) {
    // 29 March 2026, Amsterdam: clocks jump from 02:00 CET to 03:00 CEST (01:00 UTC).
    let c = h.company_in("Amsterdam BV", "Europe/Amsterdam");
    let q = h.queue(c, "night");
    let sunday = OpenInterval {
        weekday: Weekday::Sun,
        opens: t(2, 30),
        closes: t(4, 0),
    };
    h.engine.set_hours(&SYS, c, Some(q), vec![sunday]).unwrap();
    // 02:30 does not exist that night; like java.time it becomes 03:30 CEST = 01:30 UTC.
    assert!(!open(h, q, at(2026, 3, 29, 1, 29)).open);
    let opening = open(h, q, at(2026, 3, 29, 1, 30));
    assert!(opening.open);
    assert_eq!(
        opening.next_change,
        Some(at(2026, 3, 29, 2, 0)),
        "closes 04:00 CEST"
    );
    // A normal Sunday before: 02:30 CET = 01:30 UTC too, but closes 04:00 CET = 03:00 UTC.
    assert_eq!(
        open(h, q, at(2026, 3, 22, 1, 30)).next_change,
        Some(at(2026, 3, 22, 3, 0))
    );
}

fn a_local_time_repeated_by_fall_back_opens_at_its_first_occurrence(h: &mut Harness) {
    // 25 October 2026, Amsterdam: clocks fall back from 03:00 CEST to 02:00 CET (01:00 UTC).
    let c = h.company_in("Amsterdam BV", "Europe/Amsterdam");
    let q = h.queue(c, "night");
    let sunday = OpenInterval {
        weekday: Weekday::Sun,
        opens: t(2, 30),
        closes: t(3, 30),
    };
    h.engine.set_hours(&SYS, c, Some(q), vec![sunday]).unwrap();
    // 02:30 happens twice; opening is the first (CEST, 00:30 UTC); 03:30 CET is 02:30 UTC.
    assert!(!open(h, q, at(2026, 10, 25, 0, 29)).open);
    let s = open(h, q, at(2026, 10, 25, 0, 30));
    assert!(s.open);
    assert_eq!(
        s.next_change,
        Some(at(2026, 10, 25, 2, 30)),
        "open two real hours that night"
    );
}

fn new_york_shifts_on_its_own_dates(h: &mut Harness) {
    // 8 March 2026: New York springs forward; Europe only on 29 March.
    let c = h.company_in("NYC Inc", "America/New_York");
    let q = h.queue(c, "support");
    h.engine.set_hours(&SYS, c, Some(q), weekdays()).unwrap();
    assert!(
        open(h, q, at(2026, 3, 6, 14, 0)).open,
        "Friday 09:00 EST = 14:00 UTC"
    );
    assert!(!open(h, q, at(2026, 3, 9, 12, 59)).open, "Monday 08:59 EDT");
    assert!(
        open(h, q, at(2026, 3, 9, 13, 0)).open,
        "Monday 09:00 EDT = 13:00 UTC"
    );
}

fn an_interval_closing_before_it_opens_runs_past_midnight(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "nights");
    let friday_night = OpenInterval {
        weekday: Weekday::Fri,
        opens: t(22, 0),
        closes: t(6, 0),
    };
    h.engine
        .set_hours(&SYS, c, Some(q), vec![friday_night])
        .unwrap();
    assert!(!open(h, q, at(2026, 1, 9, 21, 59)).open);
    assert!(open(h, q, at(2026, 1, 9, 23, 0)).open);
    let saturday = open(h, q, at(2026, 1, 10, 3, 0));
    assert!(saturday.open);
    assert_eq!(saturday.next_change, Some(at(2026, 1, 10, 6, 0)));
    assert!(!open(h, q, at(2026, 1, 10, 6, 0)).open);
}

fn queues_without_hours_use_the_company_default_then_always_open(h: &mut Harness) {
    let c = h.company();
    let own = h.queue(c, "own");
    let inherits = h.queue(c, "inherits");
    let sunday_noon = at(2026, 1, 11, 12, 0);
    assert!(
        open(h, inherits, sunday_noon).open,
        "no schedule anywhere: always open"
    );
    assert_eq!(open(h, inherits, sunday_noon).next_change, None);
    h.engine.set_hours(&SYS, c, None, weekdays()).unwrap();
    h.engine
        .set_hours(
            &SYS,
            c,
            Some(own),
            vec![OpenInterval {
                weekday: Weekday::Sun,
                opens: t(10, 0),
                closes: t(14, 0),
            }],
        )
        .unwrap();
    assert!(
        !open(h, inherits, sunday_noon).open,
        "company default: weekdays only"
    );
    assert!(open(h, own, sunday_noon).open, "own schedule wins");
    h.engine.clear_hours(&SYS, c, Some(own)).unwrap();
    assert!(
        !open(h, own, sunday_noon).open,
        "back to the company default"
    );
    h.engine.set_hours(&SYS, c, None, vec![]).unwrap();
    assert!(
        !open(h, own, at(2026, 1, 5, 10, 0)).open,
        "an empty schedule is never open"
    );
    assert_eq!(open(h, own, at(2026, 1, 5, 10, 0)).next_open, None);
}

fn overlapping_closures_close_the_queue_for_their_union(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let other = h.queue(c, "other");
    let range = |a: DateTime<Utc>, b: DateTime<Utc>| NewBlacklistHours {
        starts_at: a,
        ends_at: b,
        reason: "maintenance".into(),
    };
    h.engine
        .add_blacklist_hours(&SYS, q, range(at(2026, 2, 2, 10, 0), at(2026, 2, 2, 12, 0)))
        .unwrap();
    h.engine
        .add_common_blacklist_hours(&SYS, c, range(at(2026, 2, 2, 11, 0), at(2026, 2, 2, 13, 0)))
        .unwrap();
    assert!(open(h, q, at(2026, 2, 2, 9, 59)).open);
    let during = open(h, q, at(2026, 2, 2, 11, 30));
    assert!(!during.open);
    assert_eq!(
        during.next_open,
        Some(at(2026, 2, 2, 13, 0)),
        "open again only when both have ended"
    );
    assert_eq!(
        open(h, q, at(2026, 2, 2, 9, 0)).next_change,
        Some(at(2026, 2, 2, 10, 0))
    );
    // The common closure applies to every queue; the queue's own only to it.
    assert!(open(h, other, at(2026, 2, 2, 10, 30)).open);
    assert!(!open(h, other, at(2026, 2, 2, 11, 30)).open);
    assert_eq!(h.engine.list_blacklist_hours(&SYS, q).unwrap().len(), 1);
    assert_eq!(
        h.engine.list_common_blacklist_hours(&SYS, c).unwrap().len(),
        1
    );
    let common = h.engine.list_common_blacklist_hours(&SYS, c).unwrap()[0].id;
    h.engine.delete_blacklist_hours(&SYS, common).unwrap();
    assert!(open(h, other, at(2026, 2, 2, 11, 30)).open);
}

fn a_closure_inside_opening_hours_ends_at_the_earlier_of_both(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    h.engine.set_hours(&SYS, c, Some(q), weekdays()).unwrap();
    let lunch = NewBlacklistHours {
        starts_at: at(2026, 1, 5, 16, 0),
        ends_at: at(2026, 1, 5, 18, 0),
        reason: "team event".into(),
    };
    h.engine.add_blacklist_hours(&SYS, q, lunch).unwrap();
    let s = open(h, q, at(2026, 1, 5, 16, 30));
    assert!(!s.open);
    assert_eq!(
        s.next_open,
        Some(at(2026, 1, 6, 9, 0)),
        "the closure outlasts the day: next morning"
    );
}

scenarios!(
    office_hours_follow_the_company_time_zone_in_winter_and_summer,
    a_local_time_skipped_by_spring_forward_opens_one_gap_later,
    a_local_time_repeated_by_fall_back_opens_at_its_first_occurrence,
    new_york_shifts_on_its_own_dates,
    an_interval_closing_before_it_opens_runs_past_midnight,
    queues_without_hours_use_the_company_default_then_always_open,
    overlapping_closures_close_the_queue_for_their_union,
    a_closure_inside_opening_hours_ends_at_the_earlier_of_both,
    a_closure_weeks_ahead_still_closes_the_queue_when_it_comes,
    a_long_jump_routes_at_the_opening_it_passed_and_not_while_closed,
    centuries_of_openings_that_route_nothing_pass_in_one_tick,
);

fn a_closure_weeks_ahead_still_closes_the_queue_when_it_comes(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "support");
    let starts_at = start() + Duration::days(30);
    h.engine
        .add_blacklist_hours(
            &SYS,
            q,
            NewBlacklistHours {
                starts_at,
                ends_at: starts_at + Duration::days(1),
                reason: "far ahead".into(),
            },
        )
        .unwrap();
    h.advance(30 * 86_400 + 3600);
    assert!(!h.engine.queue_status(&SYS, q).unwrap().open);
    h.refused(conflict(ConflictReason::QueueClosed), |e| {
        e.enqueue_new(&SYS, NewObject::chat(c, "during the closure"), q, None)
    });
    h.advance(86_400);
    assert!(h.engine.queue_status(&SYS, q).unwrap().open);
}

/// One tick over a week: an offer lapsing after the queue closed does not route while it is
/// closed, and the next opening routes at its own instant, not at the tick's.
fn a_long_jump_routes_at_the_opening_it_passed_and_not_while_closed(h: &mut Harness) {
    let c = h.company();
    let q = h.queue_with(NewQueue {
        offer_timeout: Some(3600),
        ..NewQueue::named(c, "mornings")
    });
    let monday = OpenInterval {
        weekday: Weekday::Mon,
        opens: t(9, 0),
        closes: t(9, 30),
    };
    h.engine.set_hours(&SYS, c, Some(q), vec![monday]).unwrap();
    let ann = h.agent(c, "Ann", 1);
    let bob = h.agent(c, "Bob", 1);
    h.staff(q, ann, 1);
    h.staff(q, bob, 1);
    h.available(ann);
    let s = h.chat(c, q, 0); // Monday 09:00: open
    assert_eq!(h.holder(s.id), Some(ann));
    h.available(bob);
    // 10:00: Ann's offer lapses; the queue closed at 09:30, so Bob gets nothing yet.
    h.advance(3600);
    let stay = h.stay(s.id);
    assert_eq!((stay.state, stay.offered_to), (StayState::Waiting, None));
    // A week and a day in one tick: the chat is offered to Bob when the queue opened.
    h.advance(8 * 86_400);
    let stay = h.stay(s.id);
    assert_eq!(
        stay.state,
        StayState::Waiting,
        "Bob's offer of the 12th lapsed too"
    );
    let offers: Vec<DateTime<Utc>> = h
        .engine
        .events(&SYS, &EventQuery::default())
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::Offered { expires_at, .. } => expires_at,
            _ => None,
        })
        .collect();
    assert_eq!(offers, vec![at(2026, 1, 5, 10, 0), at(2026, 1, 12, 10, 0)]);
}

/// A chat nobody has the skill for waits through four hundred years of daily openings in one
/// tick (each opening would route nothing, so they are not replayed one by one), and is
/// routed at the first opening after an agent learns the skill.
fn centuries_of_openings_that_route_nothing_pass_in_one_tick(h: &mut Harness) {
    let c = h.company();
    let q = h.queue(c, "daily");
    let daily: Vec<OpenInterval> = (0..7u8)
        .map(|d| OpenInterval {
            weekday: Weekday::try_from(d).unwrap(),
            opens: t(9, 0),
            closes: t(17, 0),
        })
        .collect();
    h.engine.set_hours(&SYS, c, Some(q), daily).unwrap();
    let ann = h.agent(c, "Ann", 1);
    h.staff(q, ann, 1);
    h.available(ann);
    let dutch = h.skill(c, "dutch");
    let new = NewObject {
        required_skills: vec![SkillRequirement {
            skill_id: dutch,
            min_level: 1,
        }],
        ..NewObject::chat(c, "Goedemorgen")
    };
    let s = h.engine.enqueue_new(&SYS, new, q, None).unwrap();
    h.advance(400 * 365 * 86_400 + 9 * 3600); // a quarter past midnight plus nine hours
    let now = h.engine.now();
    assert_eq!(
        h.engine.queue_status(&SYS, q).unwrap().open,
        h.engine.is_open(&SYS, q, now).unwrap().open
    );
    assert_eq!(h.stay(s.id).state, StayState::Waiting);
    h.engine.set_agent_skill(&SYS, ann, dutch, 5).unwrap();
    if !h.engine.is_open(&SYS, q, now).unwrap().open {
        h.advance(86_400);
    }
    assert_eq!(h.holder(s.id), Some(ann));
}
