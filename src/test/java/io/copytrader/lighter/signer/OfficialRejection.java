package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * What the Java signer says for each lighter-go validation error met in the rejection vectors: the field it
 * names (an order's field is prefixed {@code Orders[i].}) and a phrase of its reason with the same meaning.
 */
record OfficialRejection(String officialError, String field, String phrase) {

  private static final Map<String, OfficialRejection> BY_RULE = Map.ofEntries(
      Map.entry("ErrBaseAmountNotNil", new OfficialRejection("BaseAmount should be nil", "BaseAmount", "must be 0")),
      Map.entry("ErrBaseAmountTooLow",
          new OfficialRejection("BaseAmount should not be less than 1", "BaseAmount", "reduce-only")),
      Map.entry("ErrBaseAmountsNotEqual",
          new OfficialRejection("BaseAmounts should be equal", "BaseAmount", "equal amounts")),
      // lighter-go reuses its IsAsk range error for a child on the wrong side.
      Map.entry("ErrIsAskInvalid", new OfficialRejection("IsAsk should be 0 or 1", "IsAsk", "side")),
      Map.entry("ErrOrderTypeInvalid", new OfficialRejection("OrderType is not valid", "Type", "type")),
      Map.entry("ErrOrderExpiryInvalid", new OfficialRejection("OrderExpiry is invalid", "OrderExpiry", "expir")),
      Map.entry("ErrOrderReduceOnlyInvalid",
          new OfficialRejection("ReduceOnly is invalid", "ReduceOnly", "reduce-only")),
      Map.entry("ErrOrderGroupSizeInvalid", new OfficialRejection("OrderGroupSize is not valid", "Orders", "orders")),
      Map.entry("ErrGroupingTypeInvalid",
          new OfficialRejection("GroupingType is not valid", "GroupingType", "grouping type")),
      Map.entry("ErrInvalidMarketIndex", new OfficialRejection("MarketIndex is not valid", "MarketIndex", "perps")),
      Map.entry("ErrMarketIndexMismatch", new OfficialRejection(
          "MarketIndex should match the market index of the order", "MarketIndex", "same market")),
      Map.entry("ErrClientOrderIndexDuplicate", new OfficialRejection(
          "ClientOrderIndex should be unique within the group", "ClientOrderIndex", "unique")),
      Map.entry("ErrOrderTimeInForceInvalid",
          new OfficialRejection("OrderTimeInForce is not valid", "TimeInForce", "immediate-or-cancel")),
      Map.entry("ErrInitialMarginFractionTooLow", new OfficialRejection(
          "InitialMarginFraction should not be less than 0", "InitialMarginFraction", "1..10000")),
      Map.entry("ErrInitialMarginFractionTooHigh", new OfficialRejection(
          "InitialMarginFraction should not be larger than 10000", "InitialMarginFraction", "1..10000")),
      Map.entry("ErrInvalidMarginMode", new OfficialRejection("MarginMode is not valid", "MarginMode", "cross")),
      Map.entry("ErrOrderTriggerPriceInvalid",
          new OfficialRejection("TriggerPrice is invalid", "TriggerPrice", "trigger price")));

  /** The expectation for a lighter-go rule; fails on a rule not in the table or on an unexpected official text. */
  static OfficialRejection of(String rule, String officialError) {
    OfficialRejection expected = BY_RULE.get(rule);
    assertThat(expected).as("expectation for lighter-go rule " + rule).isNotNull();
    assertThat(officialError).as("official error of " + rule).isEqualTo(expected.officialError());
    return expected;
  }
}
