/**
 * The durable request and order journal: SQLite (WAL, {@code synchronous=FULL}) by default, or PostgreSQL when
 * {@code JOURNAL_URL} names a database; the same SQL on both ({@link io.copytrader.journal.SqlDialect}).
 *
 * <p>How the service uses it, so that nothing acknowledged is lost and nothing executes twice:
 * <ol>
 *   <li>Intake: {@link io.copytrader.journal.Journal#insertRequest} before replying 202. An
 *       {@link io.copytrader.journal.InsertOutcome.Duplicate} answers with the original request id
 *       ({@code sameBody}) or a 409 (different body under the same key).</li>
 *   <li>Start: {@link io.copytrader.journal.Journal#markExecuting}; only {@code true} lets the request run.
 *       A queued request that is too old is finished as {@code expired} instead. A request its account's owner
 *       runs next is taken in already executing ({@link io.copytrader.journal.Journal#insertRequestStaged} with
 *       {@code start}), behind the same fence.</li>
 *   <li>Each attempt: {@link io.copytrader.journal.Journal#recordAttempt}.</li>
 *   <li>Each transaction: {@link io.copytrader.journal.Journal#insertOrder} after signing and before
 *       sending, then {@link io.copytrader.journal.Journal#updateOrder} with the outcome; an outcome that
 *       was lost is recorded as {@code unknown}.</li>
 *   <li>Rails, before an opening is sent: {@link io.copytrader.journal.Journal#openingActivity},
 *       {@link io.copytrader.journal.Journal#previousIdenticalSignal},
 *       {@link io.copytrader.journal.Journal#observeEquity} and {@link io.copytrader.journal.Journal#killSwitch}
 *       give the figures the rails need; then {@link io.copytrader.journal.Journal#recordRailVerdicts} when it
 *       goes on, or {@link io.copytrader.journal.Journal#refuse}, which ends it {@code refused}.</li>
 *   <li>End: {@link io.copytrader.journal.Journal#finish} with the final state, error code and message.</li>
 *   <li>Restart: {@link io.copytrader.journal.Journal#claimUnfinished} per account claims and lists executing
 *       requests (reconcile their orders with the exchange by client order index or tx hash before sending
 *       anything) and then queued ones; {@link io.copytrader.journal.Journal#lastClientOrderIndex} is the
 *       floor for the next client order index.</li>
 *   <li>Out of reach (a PostgreSQL journal whose connection was lost, until it reconnects): every call fails at
 *       once with a {@link io.copytrader.journal.JournalException#unavailable()} failure, which may hide a commit
 *       whose answer was lost; the request it interrupted is read back once the journal answers and resumed as at
 *       a restart, never finished on the strength of that failure.</li>
 * </ol>
 */
package io.copytrader.journal;
