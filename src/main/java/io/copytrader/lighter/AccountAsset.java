package io.copytrader.lighter;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** One asset balance of an account. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountAsset(String symbol, long assetId, BigDecimal balance, BigDecimal lockedBalance) {
}
