-- the outbox relays of all the service's instances take turns by locking this one row, one batch at a time, so that
-- one aggregate's events reach Kafka in commit order however many instances share the database (siren-messaging)
CREATE TABLE outbox_relay (
    id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO outbox_relay (id) VALUES (1);
