/**
 * Collections that hold what one owner has (a user's sessions, a cart's items, an owner's agents, a project's
 * documents, the players of one game's question) as opposed to what arrives for it per event or per member of an
 * audience (a user's followers, likes, notifications, watched posts; a room's members or messages).
 *
 * The evidence is the key: the id it is built from names an individual owner (user, owner, account, project,
 * game, question, cart...) rather than a gathering place (room, chat, channel, group, subnet, topic), and nothing
 * in its name says it holds events or an audience. Only memberships qualify: a set, a hash or a sorted set keeps
 * one entry per member however often it is written, while a list or a stream gains an entry on every push.
 */
import type { KeyRef } from '../../analysis/keyReferences';
import { topLevelParts } from '../../analysis/bracketText';
import { nameWords } from '../../analysis/nameWords';

/**
 * An id (last word of an interpolated or passed name) of one individual owner: `user_id`, `ownerId`, `gameQuestionId`,
 * `chatflowid`, its text form (`userStr`), and one member of a place (`member_id`: a guild's member is one user there).
 */
const OWNER_ID = /(?:^|[a-z_])(?:user|uid|owner|account|customer|tenant|org|organization|project|game|question|player|cart|flow|member)(?:_?(?:id|name|key|str))?$/i;

/** An id of a place an audience gathers in: its members come and go with the audience, not with one owner. */
const GATHERING_ID = /(?:^|[a-z_])(?:room|chat|channel|group|subnet|topic|conversation|thread|guild|server|lobby|space)(?:_?(?:id|name|key))?$/i;

/**
 * Words of a key's name saying it holds what arrives per event or per member of an audience. Matched as the start
 * of a word of the key (`followers`, `likes`, `watched_posts`, `notifications`, `aggregated_failures`).
 */
const GROWING_WORDS = [
  'follow', 'friend', 'fan', 'subscri', 'like', 'reaction', 'react', 'vote', 'view', 'visit', 'watch', 'seen', 'hist',
  'message', 'msg', 'notif', 'inbox', 'feed', 'timeline', 'stream', 'activit', 'event', 'audit', 'queue', 'job',
  'task', 'comment', 'post', 'tweet', 'repl', 'mention', 'click', 'impression', 'error', 'fail', 'delta', 'score',
  'rank', 'leader', 'login', 'order', 'purchase', 'payment', 'transaction', 'download', 'upload', 'member', 'audience',
];
const GROWING_EXACT = new Set(['log', 'logs', 'all', 'global']);
/** Words of a key expression that name how it is built, not what it holds. */
const PLUMBING = new Set(['f', 'r', 'b', 'key', 'keys', 'redis', 'self', 'this', 'cls', 'prefix', 'get', 'make', 'build', 'format', 'str', 'string']);

/** The names a key expression takes its varying part from: interpolations, call arguments, concatenated names. */
function idNames(source: string): string[] {
  const parts: string[] = [];
  for (const match of source.matchAll(/\{([^{}]*)\}/g)) parts.push(match[1]);
  for (const match of source.matchAll(/\(([^()]*)\)/g)) parts.push(match[1]);
  if (source.includes('+')) parts.push(source.replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, ' '));
  // The last segment of each dotted name is what it names (`data.gameQuestionId`, `self.user.id` -> user, id).
  return parts.flatMap((part) => part.match(/[A-Za-z_$][\w$]*/g) ?? []).filter((name) => !/^(self|this|cls|str|int|String|Number|await|f)$/.test(name));
}

/** A word of a key's name that says it holds what arrives per event or per member of an audience. */
const saysGrowing = (word: string) => GROWING_EXACT.has(word) || GROWING_WORDS.some((stem) => word.startsWith(stem));

/** Words of a key's name saying it holds one piece of work's output (`results_queue:{job}`), as large as that work. */
const WORK_WORDS = ['queue', 'job', 'task'];

/**
 * The key's name (not the names its id is taken from) says it holds what arrives per event or per member of an
 * audience (`followers:{userId}`, `messages:{conversationId}`, `user:{id}:notifications`), and not one piece of
 * work's output (`results_queue:{job}`).
 */
export function namesGrowingContent(key: KeyRef): boolean {
  const idWords = new Set(idNames(key.source).flatMap(nameWords));
  const named = [...nameWords(key.source.replace(/\{[^{}]*\}/g, ' ').replace(/\([^()]*\)/g, ' ')), ...nameWords(key.pattern ?? '')].filter((word) => !idWords.has(word) && !PLUMBING.has(word));
  if (named.some((word) => WORK_WORDS.some((stem) => word.startsWith(stem)))) return false;
  return named.some(saysGrowing);
}

/** The key takes its id from a place an audience gathers in (`room:{roomId}:online`), whose members come and go with it. */
export function namesGatheringPlace(key: KeyRef): boolean {
  return idNames(key.source).some((name) => GATHERING_ID.test(name));
}

/**
 * A set, hash or sorted set keyed by one individual owner's id whose name does not say it holds events or an
 * audience: as large as what one owner has, not as large as the traffic.
 */
export function isOwnerMembership(key: KeyRef, command: string): boolean {
  if (!/^(SMEMBERS|HGETALL|HKEYS|HVALS|ZRANGE|ZREVRANGE)$/.test(command) || key.parameter) return false;
  // The answer depends on the command and the key's text alone, and an editor asks again about every whole read of
  // a file after each edit: answers are kept (the pattern's length keeps pattern and source apart).
  const pattern = key.pattern ?? '';
  const question = `${command} ${pattern.length}:${pattern}${key.source}`;
  const known = ownerMembershipAnswers.get(question);
  if (known !== undefined) return known;
  const answer = ownerMembershipOf(key);
  if (ownerMembershipAnswers.size >= MAX_KEPT_ANSWERS) ownerMembershipAnswers.clear();
  ownerMembershipAnswers.set(question, answer);
  return answer;
}

const ownerMembershipAnswers = new Map<string, boolean>();
const MAX_KEPT_ANSWERS = 4096;

function ownerMembershipOf(key: KeyRef): boolean {
  const names = idNames(key.source);
  // A place the key names first and an owner last (`backpack:{guild}:{user}`) scope one owner's share within that
  // place; a place named last, or alone, is the place's own collection (its roster, its per-member map).
  const lastId = names[names.length - 1];
  if (!names.some((name) => OWNER_ID.test(name)) || (names.some((name) => GATHERING_ID.test(name)) && !OWNER_ID.test(lastId ?? ''))) return false;
  // The key must also say what it holds (`cart:{user_id}`, `owners:{owner}:agents`): a key that is the id alone
  // (`f"{user_id}"`) says nothing of whether it holds a membership or a feed.
  const idWords = new Set(names.flatMap(nameWords));
  const held = nameWords(key.source.replace(/\{[^{}]*\}/g, ' ').replace(/\([^()]*\)/g, ' ')).filter((word) => !idWords.has(word) && !PLUMBING.has(word));
  if (held.length === 0) return false;
  // What it holds is read from the name, not from the names the id is taken from (`msg.gameQuestionId`).
  const named = [...held, ...nameWords(key.pattern ?? '').filter((word) => !idWords.has(word))];
  return !named.some(saysGrowing);
}

/**
 * A Go or Java key written as a format call (`fmt.Sprintf("cart:%s", userID)`, `String.format("cart:%d", userId)`)
 * read as the template it denotes (`"cart:{userID}"`), so that the name of what the key holds and the id it is
 * built from are told apart the way they are in a Python f-string; any other expression is returned as it is.
 */
export function formatCallAsTemplate(text: string): KeyRef {
  const source = text.trim();
  const call = /^(?:fmt\.Sprintf|String\.format)\(\s*"((?:\\.|[^"\\])*)"\s*,([\s\S]*)\)$/.exec(source);
  if (!call) return { identity: source, source };
  const args = topLevelParts(call[2]).filter(Boolean);
  let index = 0;
  const template = call[1].replace(/%(?:%|[-+# 0-9.]*[a-zA-Z])/g, (verb) => (verb === '%%' ? '%' : `{${args[index++] ?? 'arg'}}`));
  return { identity: template.replace(/\{[^{}]*\}/g, '*'), pattern: template.replace(/\{[^{}]*\}/g, '*'), source: `"${template}"` };
}
