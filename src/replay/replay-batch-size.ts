/**
 * Events per batch when replaying archives. Fixed (not ingest.batchMaxEvents) because a batch's id is the hash of
 * its event ids: the same file must be cut the same way on every replay for the store to recognise batches it has
 * already applied. Larger than the HTTP default because replay is bulk: fewer, larger atomic writes.
 * Changing it makes archives replayed before the change count again if replayed after it.
 */
export const REPLAY_BATCH_EVENTS = 5000;
