//! The OpenAPI 3.1 document, generated from the route definitions (`utoipa`): served at
//! `/openapi.json` and committed as `queue-server/openapi.json`, which a test keeps equal
//! to what the routes say.

use crate::error::ErrorBody;
use crate::routes::*;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        // Operation ids from method and path (`get_api_companies_company_id`): unique by
        // construction, where handler names (`list`, `get`) repeat across groups.
        for (path, item) in doc.paths.paths.iter_mut() {
            let slug: String = path
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect::<String>()
                .split('_')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("_");
            let ops = [
                ("get", item.get.as_mut()),
                ("put", item.put.as_mut()),
                ("post", item.post.as_mut()),
                ("delete", item.delete.as_mut()),
                ("patch", item.patch.as_mut()),
            ];
            for (method, op) in ops {
                if let Some(op) = op {
                    op.operation_id = Some(format!("{method}_{slug}"));
                }
            }
        }
        if let Some(c) = doc.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
            c.add_security_scheme(
                "apiKey",
                SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("apiKey"))),
            );
        }
    }
}

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(title = "ConnectNow Queue", description = "The seeds' HTTP API over the ConnectNow Queue library."),
    paths(
        crate::healthz,
        companies::list, companies::create, companies::get, companies::update, companies::delete,
        company_users::list, company_users::create, company_users::get, company_users::update,
        company_users::delete, company_users::get_state, company_users::set_state,
        users::get, users::create, users::update, users::issue_token,
        queues::list, queues::create, queues::get, queues::update, queues::delete, queues::status,
        skills::list, skills::create, skills::get, skills::update, skills::delete,
        queued_objects::enqueue, queued_objects::get, queued_objects::accept,
        queued_objects::reject, queued_objects::complete, queued_objects::abandon,
        queued_objects::transfer, queued_objects::pick, queued_objects::position,
        queued_objects::explain, queued_objects::queue_stats, queued_objects::queue_stats_by_interval, queued_objects::agent_stats,
        presence_statuses::list, presence_statuses::create, presence_statuses::get,
        presence_statuses::update, presence_statuses::delete,
        events::stream,
        libraryh3lp::list_operators, libraryh3lp::add_operator, libraryh3lp::update_operator,
        libraryh3lp::remove_operator, libraryh3lp::list_assignments, libraryh3lp::add_assignment,
        libraryh3lp::update_assignment, libraryh3lp::remove_assignment,
        teams::list, teams::create, teams::get, teams::delete, teams::members,
        teams::add_members, teams::remove_members, teams::presence,
        users_v2::index, users_v2::create, users_v2::update, users_v2::username_update,
        users_v2::firstname_update, users_v2::lastname_update, users_v2::max_chats,
        users_v2::chat_sound, users_v2::notify_on_assignment, users_v2::calls_auto_answer,
        users_v2::settings, users_v2::add_statistic, users_v2::remove_statistic,
        users_v2::watch, users_v2::update_status, users_v2::status_lock,
        users_v2::status_lock_delete,
        hours::get, hours::set, hours::clear, hours::is_open,
        blacklist_hours::list, blacklist_hours::create, blacklist_hours::delete,
        blacklist_hours::list_common, blacklist_hours::create_common,
        company_user_skills::list, company_user_skills::set, company_user_skills::remove,
        queue_skills::list, queue_skills::set, queue_skills::remove,
        notes::list, notes::add, ratings::get, ratings::rate,
        queueable_objects::create, queueable_objects::get, queueable_objects::set_priority,
        queueable_objects::queues, queueable_objects::enqueue,
    ),
    components(schemas(ErrorBody)),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

/// The document as pretty JSON, as committed.
pub fn json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default() + "\n"
}
