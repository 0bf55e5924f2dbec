package io.copytrader.journal;

/**
 * What the journal's writer has committed since the journal opened: transactions and the operations in them, so
 * operations per transaction is how many writes one fsync carried (the group commit's reach).
 */
public record JournalWrites(long transactions, long operations) {
}
