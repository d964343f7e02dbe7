/** @module The outbound event types an endpoint can subscribe to, as labelled checkboxes (create and edit share them). */
import type { RouterInputs } from '../trpc.ts';

export type WebhookEvent = RouterInputs['webhooks']['create']['events'][number];

/** Every event type the API accepts: a Record, so a type added on the server and missing here fails the build. */
export const WEBHOOK_EVENTS: Record<WebhookEvent, string> = {
  'run.completed': 'a run succeeded',
  'run.failed': 'a run failed for good',
  'connection.status_changed': 'a connection became active, needs re-authorization, was revoked or errored',
  'trigger.event': 'a trigger received an event from a provider',
};

/** Stored endpoints list events as plain strings; a type the server has since dropped is left unchecked. */
export function isWebhookEvent(value: string): value is WebhookEvent {
  return Object.hasOwn(WEBHOOK_EVENTS, value);
}

export function EventCheckboxes({ value, onChange }: { value: WebhookEvent[]; onChange: (events: WebhookEvent[]) => void }) {
  return (
    <fieldset className="checks">
      <legend>Events to send</legend>
      {(Object.keys(WEBHOOK_EVENTS) as WebhookEvent[]).map((event) => (
        <label key={event} className="inline">
          <input
            type="checkbox"
            checked={value.includes(event)}
            onChange={(e) => onChange(e.target.checked ? [...value, event] : value.filter((v) => v !== event))}
          />
          <span>
            <code>{event}</code> <span className="muted">{WEBHOOK_EVENTS[event]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
