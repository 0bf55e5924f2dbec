package io.copytrader.notify;

/**
 * What the notifier has done since it started.
 *
 * @param sent notices Telegram accepted
 * @param failed notices given up after their attempts, or refused by Telegram
 * @param dropped notices discarded because the queue was full or the notice was malformed
 * @param queued notices waiting now
 */
public record NotifierCounters(long sent, long failed, long dropped, int queued) {
}
