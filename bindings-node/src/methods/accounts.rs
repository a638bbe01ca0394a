//! Users and access tokens. Mirrors `bindings-python/src/engine/accounts.rs`.

use super::*;

engine_methods! {
    // ----- users and tokens -----
    #[doc = " Registers a user (the system actor only)."]
    fn create_user / create_user_async (actor: as_actor, new_user: as_object::<NewUser>)
        ts ("actor: ActorLike, newUser: NewUser") -> "User" / "Promise<User>"
        = |e| e.create_user(&actor, new_user);
    #[doc = " Reads a user, with the expansions asked for (`with: ['companies', 'companies.skills', 'companies.queues']`)."]
    fn get_user / get_user_async (actor: as_actor, user_id: as_id::<UserId>, options: as_opts::<UserWithOptions>)
        ts ("actor: ActorLike, userId: string, options?: { with?: UserWith[] }") -> "UserView" / "Promise<UserView>"
        = |e| e.get_user(&actor, user_id, &options.with);
    #[doc = " Users whose username, name or e-mail contains `search` (case-insensitive; default all), at most `limit` (1–1000, default 100)."]
    fn find_users / find_users_async (actor: as_actor, search: as_text_or(""), limit: as_int_or(queue_core::user::DEFAULT_FIND_LIMIT))
        ts ("actor: ActorLike, search?: string, limit?: number") -> "User[]" / "Promise<User[]>"
        = |e| e.find_users(&actor, &search, limit);
    #[doc = " Changes a user (the user themselves or the system)."]
    fn update_user / update_user_async (actor: as_actor, user_id: as_id::<UserId>, update: as_object::<UserUpdate>)
        ts ("actor: ActorLike, userId: string, update: UserUpdate") -> "User" / "Promise<User>"
        = |e| e.update_user(&actor, user_id, update);
    #[doc = " Deletes a user with their tokens and memberships."]
    fn delete_user / delete_user_async (actor: as_actor, user_id: as_id::<UserId>)
        ts ("actor: ActorLike, userId: string") -> "void" / "Promise<void>"
        = |e| e.delete_user(&actor, user_id);
    #[doc = " Issues a personal access token; its `secret` is shown only this once."]
    fn issue_token / issue_token_async (actor: as_actor, user_id: as_id::<UserId>, name: as_text)
        ts ("actor: ActorLike, userId: string, name: string") -> "IssuedToken" / "Promise<IssuedToken>"
        = |e| e.issue_token(&actor, user_id, &name);
    #[doc = " A user's tokens (without secrets)."]
    fn list_tokens / list_tokens_async (actor: as_actor, user_id: as_id::<UserId>)
        ts ("actor: ActorLike, userId: string") -> "AccessToken[]" / "Promise<AccessToken[]>"
        = |e| e.list_tokens(&actor, user_id);
    #[doc = " Revokes a token; it authenticates nobody afterwards."]
    fn revoke_token / revoke_token_async (actor: as_actor, token_id: as_id::<TokenId>)
        ts ("actor: ActorLike, tokenId: string") -> "AccessToken" / "Promise<AccessToken>"
        = |e| e.revoke_token(&actor, token_id);
}
