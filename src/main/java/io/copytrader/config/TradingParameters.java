package io.copytrader.config;

import java.math.BigDecimal;

/** The sizing and risk parameters one account trades with. */
public record TradingParameters(BigDecimal scalingFactor, BigDecimal maxSlippage, BigDecimal stopLossRatio) {
}
