/**
 * del-large-key's line between one user's own collection and a collection that gathers: the key names a user as its
 * owner (`rooms_for_user(user_id)`, `user:{id}:invited`, a bare `userID`) and no word of it says that others or time
 * add to it (a user's followers, feed, inbox, offline or outgoing messages, failure log).
 */

/** A key word naming one user as the collection's owner (`user_id`, `userID`, `uid`, a `user:{id}` segment). */
const ONE_USER = new Set(['user', 'uid', 'userid']);
/**
 * Key words that say a collection gathers what others send or time piles up, with no end set by its owner:
 * a user's followers, feed or inbox, their offline or outgoing messages, a queue, a failure log.
 */
const GATHERED = /^(?:followers?|following|fans?|subscribers?|feeds?|timelines?|inbox(?:es)?|notifications?|outgoing|offline|queues?|backlogs?|failures?|errors?|logs?|histor(?:y|ies)|events?|messages?|activit(?:y|ies)|streams?|jobs?|tasks?|visits?|views?|likes?)$/;

/**
 * One user's own collection, judged from the key's expression and pattern together (`RedisKeys.rooms_for_user(user_id)`:
 * rooms, for, user, user, id): what that user joined or did, which the user's own actions bound.
 */
export function isOneUsersOwn(keyText: string): boolean {
  const words = keyText.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((word) => ONE_USER.has(word)) && !words.some((word) => GATHERED.test(word));
}
