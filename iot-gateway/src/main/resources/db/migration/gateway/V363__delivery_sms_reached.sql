-- The SMS numbers a delivery has already reached, so that its retry — by whichever hub instance holds the lease,
-- after any restart — texts only the others (before, each instance remembered them in memory). Kept as keyed digests
-- (HMAC-SHA256 under a key derived from the installation's channel key, 32 hex characters), never the numbers; written
-- by the statement that records a failed attempt, emptied when the delivery is delivered or fails for good.
ALTER TABLE delivery ADD COLUMN sms_reached text[] NOT NULL DEFAULT '{}';
