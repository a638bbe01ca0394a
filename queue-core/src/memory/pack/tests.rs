//! Round trips of the packed form.

use super::*;
use crate::ids::{CompanyId, CompanyUserId, ObjectId, QueueId, StayId, UserId};
use crate::model::auth::Actor;
use crate::model::event::{Event, EventKind, Op};
use crate::model::record::{Kind, Record};
use crate::model::stay::{Stay, StayState};

fn round<T>(v: &T, locals: bool) -> (T, usize)
where
    T: Serialize + de::DeserializeOwned,
{
    round_with(v, locals, &[])
}

fn round_with<T>(v: &T, locals: bool, learn: &[Uuid]) -> (T, usize)
where
    T: Serialize + de::DeserializeOwned,
{
    let mut dict = Dict::default();
    for id in learn {
        dict.learn(*id);
    }
    let mut table = Locals::default();
    let mut out = Vec::new();
    let l = locals.then_some(&mut table);
    pack(v, &mut out, &mut dict, l).unwrap();
    let back = unpack(&out, &dict, locals.then_some(&table)).unwrap();
    (back, out.len())
}

fn ids() -> (CompanyId, QueueId, CompanyUserId) {
    (
        CompanyId(Uuid::from_u128(1)),
        QueueId(Uuid::from_u128(2)),
        CompanyUserId(Uuid::from_u128(3)),
    )
}

fn ended_stay() -> Stay {
    let (company_id, queue_id, agent) = ids();
    let t = chrono::DateTime::parse_from_rfc3339("2026-12-02T07:41:35.873028637Z")
        .unwrap()
        .to_utc();
    Stay {
        id: StayId(Uuid::now_v7()),
        object_id: ObjectId(Uuid::now_v7()),
        queue_id,
        company_id,
        state: StayState::Completed,
        wait_since: t,
        enqueued_at: t,
        offered_to: None,
        ringing: Vec::new(),
        offer_expires_at: None,
        assigned_to: Some(agent),
        assigned_at: Some(t + chrono::Duration::seconds(12)),
        picked: false,
        ended_at: Some(t + chrono::Duration::milliseconds(301_234)),
        excluded: vec![agent],
        transferred_from: Some(StayId(Uuid::now_v7())),
        transferred_to: None,
        preferred_agent_id: None,
        preferred_until: None,
    }
}

#[test]
fn a_stay_reads_back_unchanged_and_small() {
    let (c, q, a) = ids();
    let record = Record::Stay(Stay {
        excluded: vec![],
        transferred_from: None,
        ..ended_stay()
    });
    let (back, len) = round_with(&record, false, &[c.0, q.0, a.0]);
    assert_eq!(back, record);
    // Two ids of its own; the rest words, numbers of the dict and instants.
    assert!(len < 110, "a packed stay takes {len} bytes");
    let record = Record::Stay(ended_stay());
    assert_eq!(round(&record, false).0, record);
}

#[test]
fn events_read_back_unchanged_with_and_without_a_chunk_table() {
    let (c, q, a) = ids();
    let stay = ended_stay();
    let kinds = [
        EventKind::Assigned {
            stay_id: stay.id,
            object_id: stay.object_id,
            queue_id: q,
            company_user_id: a,
            wait_since: stay.wait_since,
            picked: true,
        },
        EventKind::Record {
            op: Op::Created,
            entity: Kind::QueueableObject,
            id: stay.object_id.0,
        },
    ];
    let actors = [
        Actor::System,
        Actor::User(UserId(Uuid::now_v7())),
        Actor::Anonymous,
    ];
    for (kind, actor) in kinds.into_iter().zip(actors) {
        let e = Event {
            seq: 7,
            at: stay.wait_since,
            actor,
            company_id: Some(c),
            kind,
        };
        for locals in [false, true] {
            assert_eq!(round(&e, locals).0, e);
        }
    }
}

#[test]
fn odd_values_read_back() {
    let v = (
        -5i64,
        u64::MAX,
        1.5f64,
        'x',
        "2026-01-05T08:00:00.123456789Z".to_string(),
        "2026-01-05T08:00:00+01:00".to_string(),
        vec![Some(1u8), None],
        "a long string that is longer than any word".to_string(),
    );
    assert_eq!(round(&v, false).0, v);
    let mut m = std::collections::BTreeMap::new();
    m.insert("k".to_string(), vec![Uuid::from_u128(7)]);
    assert_eq!(round(&m, true).0, m);
}

#[test]
fn corrupt_bytes_are_an_error_not_a_panic() {
    let dict = Dict::default();
    for bytes in [
        &[][..],
        &[MAP],
        &[STR, 200],
        &[ID, 3],
        &[0xFF],
        &[TIME, 0xFF],
    ] {
        assert!(unpack::<Record>(bytes, &dict, None).is_err());
    }
}

#[test]
fn an_events_head_holds_its_instant_company_and_fact() {
    let (c, q, a) = ids();
    let stay = ended_stay();
    let mut dict = Dict::default();
    dict.learn(q.0);
    let e = Event {
        seq: 1,
        at: stay.ended_at.unwrap(),
        actor: Actor::System,
        company_id: Some(c),
        kind: EventKind::Completed {
            stay_id: stay.id,
            object_id: stay.object_id,
            queue_id: q,
            company_user_id: a,
            assigned_at: stay.assigned_at.unwrap(),
        },
    };
    let fact = crate::model::fact::Fact::of(&e);
    assert!(fact.is_some());
    let mut out = Vec::new();
    write_head(&mut out, &dict, e.at, Some(c.0), fact.as_ref());
    out.push(0xEE);
    let head = read_head(&out, &dict).unwrap();
    assert_eq!((head.at, head.company, head.fact), (e.at, Some(c.0), fact));
    assert_eq!(out[head.len], 0xEE);
}

#[test]
fn a_pieces_head_reads_back() {
    let (_, q, a) = ids();
    let stay = ended_stay();
    let mut dict = Dict::default();
    dict.learn(a.0);
    let status = Some(crate::ids::PresenceStatusId(uuid::Uuid::from_u128(9)));
    let cases = [
        (Some(q), false, None),
        (Some(q), true, None),
        (None, false, None),
        (None, false, status),
    ];
    for (queue_id, wrap_up, status_id) in cases {
        let piece = crate::model::interval::Piece {
            company_user_id: a,
            queue_id,
            wrap_up,
            status_id,
            start: stay.wait_since,
            end: stay.ended_at.unwrap(),
        };
        let mut out = Vec::new();
        write_piece(&mut out, &dict, &piece);
        assert_eq!(read_piece(&out, &dict).unwrap(), (piece, out.len()));
    }
}
