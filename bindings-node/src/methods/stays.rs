//! Objects, stays, routing, notes, ratings and statistics. Mirrors `bindings-python/src/engine/stays.rs`.

use super::*;

engine_methods! {
    // ----- objects, stays and routing -----
    #[doc = " Creates an object (a chat, call, e-mail…) without queueing it yet."]
    fn create_object / create_object_async (actor: as_actor, new_object: as_object::<NewObject>)
        ts ("actor: ActorLike, newObject: NewObject") -> "QueueableObject" / "Promise<QueueableObject>"
        = |e| e.create_object(&actor, new_object);
    #[doc = " Reads an object."]
    fn get_object / get_object_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "QueueableObject" / "Promise<QueueableObject>"
        = |e| e.get_object(&actor, object_id);
    #[doc = " Every stay of an object, live or ended."]
    fn list_object_stays / list_object_stays_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "Stay[]" / "Promise<Stay[]>"
        = |e| e.list_object_stays(&actor, object_id);
    #[doc = " Changes an object's priority; its waiting stays reorder."]
    fn set_object_priority / set_object_priority_async (actor: as_actor, object_id: as_id::<ObjectId>, priority: as_int::<i32>)
        ts ("actor: ActorLike, objectId: string, priority: number") -> "QueueableObject" / "Promise<QueueableObject>"
        = |e| e.set_object_priority(&actor, object_id, priority);
    #[doc = " Puts an existing object in a queue (`{ password }` for a protected one); routes at once."]
    fn enqueue / enqueue_async (actor: as_actor, object_id: as_id::<ObjectId>, queue_id: as_id::<QueueId>, options: as_opts::<EnqueueOptions>)
        ts ("actor: ActorLike, objectId: string, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }") -> "Stay" / "Promise<Stay>"
        = |e| e.enqueue_preferring(&actor, object_id, queue_id, options.password.as_deref(), options.preferred());
    #[doc = " Creates an object and puts it in a queue in one transaction; routes at once."]
    fn enqueue_new / enqueue_new_async (actor: as_actor, new_object: as_object::<NewObject>, queue_id: as_id::<QueueId>, options: as_opts::<EnqueueOptions>)
        ts ("actor: ActorLike, newObject: NewObject, queueId: string, options?: { password?: string, preferredAgentId?: string, preferredForSeconds?: number }") -> "Stay" / "Promise<Stay>"
        = |e| e.enqueue_new_preferring(&actor, new_object, queue_id, options.password.as_deref(), options.preferred());
    #[doc = " Where a waiting object stands: position, objects ahead and an estimated wait."]
    fn queue_position / queue_position_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "QueuePosition" / "Promise<QueuePosition>"
        = |e| e.queue_position(&actor, stay_id);
    #[doc = " Reads a stay."]
    fn get_stay / get_stay_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.get_stay(&actor, stay_id);
    #[doc = " The stays waiting in a queue in serving order, at most `limit` (1–10 000, default 100)."]
    #[doc = " `iterWaiting()` walks the whole line."]
    fn list_waiting / list_waiting_async (actor: as_actor, queue_id: as_id::<QueueId>, limit: as_int_or(queue_core::waiting::DEFAULT_WAITING_LIMIT))
        ts ("actor: ActorLike, queueId: string, limit?: number") -> "Stay[]" / "Promise<Stay[]>"
        = |e| e.list_waiting(&actor, queue_id, limit);
    #[doc = " One page of a queue's waiting line in serving order (`pageLimit` 1–1000, default 100);"]
    #[doc = " pass `nextPageKey` back as `pageKey` for the next. `iterWaiting()` iterates over every page."]
    fn list_waiting_page / list_waiting_page_async (actor: as_actor, queue_id: as_id::<QueueId>, options: as_opts::<PageOptions>)
        ts ("actor: ActorLike, queueId: string, options?: { pageKey?: string | null, pageLimit?: number }") -> "WaitingPage" / "Promise<WaitingPage>"
        = |e| e.list_waiting_page(&actor, queue_id, options.page_key.as_deref(), options.page_limit);
    #[doc = " The stays offered or assigned to an agent."]
    fn list_agent_stays / list_agent_stays_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>)
        ts ("actor: ActorLike, companyUserId: string") -> "Stay[]" / "Promise<Stay[]>"
        = |e| e.list_agent_stays(&actor, company_user_id);
    #[doc = " Accepts an offer: the stay is assigned to the agent."]
    fn accept_offer / accept_offer_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.accept_offer(&actor, stay_id);
    #[doc = " Rejects an offer: the stay waits again, never offered to this agent again."]
    fn reject_offer / reject_offer_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.reject_offer(&actor, stay_id);
    #[doc = " An agent allowed to pick takes a waiting stay they are eligible for."]
    fn pick / pick_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, companyUserId: string, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.pick(&actor, company_user_id, stay_id);
    #[doc = " Completes an assigned stay, freeing the agent's capacity."]
    fn complete / complete_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.complete(&actor, stay_id);
    #[doc = " Moves a stay to another queue, keeping its original wait; returns the new stay."]
    fn transfer / transfer_async (actor: as_actor, stay_id: as_id::<StayId>, to_queue_id: as_id::<QueueId>)
        ts ("actor: ActorLike, stayId: string, toQueueId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.transfer(&actor, stay_id, to_queue_id);
    #[doc = " Ends a waiting or offered stay from the customer's side."]
    fn abandon / abandon_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Stay" / "Promise<Stay>"
        = |e| e.abandon(&actor, stay_id);
    #[doc = " The first rule keeping an agent from a stay, or `null` when eligible now."]
    fn eligibility / eligibility_async (actor: as_actor, company_user_id: as_id::<CompanyUserId>, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, companyUserId: string, stayId: string") -> "Ineligible | null" / "Promise<Ineligible | null>"
        = |e| e.eligibility(&actor, company_user_id, stay_id);
    #[doc = " Why each live stay of an object is where it is (supervisor and up)."]
    fn explain / explain_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "Explanation[]" / "Promise<Explanation[]>"
        = |e| e.explain(&actor, object_id);

    // ----- notes and ratings -----
    #[doc = " Adds a note to a stay."]
    fn add_note / add_note_async (actor: as_actor, stay_id: as_id::<StayId>, text: as_text)
        ts ("actor: ActorLike, stayId: string, text: string") -> "Note" / "Promise<Note>"
        = |e| e.add_note(&actor, stay_id, &text);
    #[doc = " A stay's notes."]
    fn list_notes / list_notes_async (actor: as_actor, stay_id: as_id::<StayId>)
        ts ("actor: ActorLike, stayId: string") -> "Note[]" / "Promise<Note[]>"
        = |e| e.list_notes(&actor, stay_id);
    #[doc = " Records the one rating (1–5, with an optional comment) of a handled object."]
    fn rate / rate_async (actor: as_actor, object_id: as_id::<ObjectId>, score: as_int::<u8>, comment: as_opt_text)
        ts ("actor: ActorLike, objectId: string, score: number, comment?: string") -> "Rating" / "Promise<Rating>"
        = |e| e.rate(&actor, object_id, score, comment.as_deref().unwrap_or_default());
    #[doc = " An object's rating, if any."]
    fn get_rating / get_rating_async (actor: as_actor, object_id: as_id::<ObjectId>)
        ts ("actor: ActorLike, objectId: string") -> "Rating | null" / "Promise<Rating | null>"
        = |e| e.get_rating(&actor, object_id);

    // ----- statistics -----
    #[doc = " Statistics of every queue of a company over a window (supervisor and up)."]
    fn queue_stats / queue_stats_async (actor: as_actor, query: as_object::<StatsQuery>)
        ts ("actor: ActorLike, query: StatsQuery") -> "QueueStats[]" / "Promise<QueueStats[]>"
        = |e| e.queue_stats(&actor, &query);
    #[doc = " Every queue's statistics for each `intervalMinutes` (1–1440, default 15) of the"]
    #[doc = " window: one row per queue per interval (supervisor and up)."]
    fn queue_stats_by_interval / queue_stats_by_interval_async (actor: as_actor, query: as_object::<StatsQuery>, interval_minutes: as_int_or(queue_core::stats::DEFAULT_INTERVAL_MINUTES))
        ts ("actor: ActorLike, query: StatsQuery, intervalMinutes?: number") -> "IntervalQueueStats[]" / "Promise<IntervalQueueStats[]>"
        = |e| e.queue_stats_by_interval(&actor, &query, interval_minutes);
    #[doc = " Statistics of every agent of a company over a window (supervisor and up)."]
    fn agent_stats / agent_stats_async (actor: as_actor, query: as_object::<StatsQuery>)
        ts ("actor: ActorLike, query: StatsQuery") -> "AgentStats[]" / "Promise<AgentStats[]>"
        = |e| e.agent_stats(&actor, &query);
}
