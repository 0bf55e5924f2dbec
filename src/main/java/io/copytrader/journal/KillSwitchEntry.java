package io.copytrader.journal;

import io.copytrader.rails.KillMode;
import java.time.Instant;

/**
 * One stored setting of the kill switch, as the journal keeps it.
 *
 * @param accountIndex the account it holds, or null when it holds all accounts
 * @param mode halt or flatten, never off (a cleared setting is not stored)
 * @param reason who or what set it
 * @param setAt when it was last set; a flatten set again is a new flatten
 */
public record KillSwitchEntry(Long accountIndex, KillMode mode, String reason, Instant setAt) {
}
