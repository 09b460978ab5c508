-- the trace of the change an event records (its W3C traceparent, taken in the same transaction), so that the relay
-- sends the event on as part of that trace and not of its own thread's (siren-messaging); empty for a change made
-- outside any trace
ALTER TABLE outbox_event ADD COLUMN traceparent VARCHAR(55);
