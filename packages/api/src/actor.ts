import type { Actor } from './procedures.ts';

/** How run records and connections name who created them: `user:<id>` or `api_key:<id>`. */
export const actorRef = (actor: Actor) => `${actor.type}:${actor.id}`;
