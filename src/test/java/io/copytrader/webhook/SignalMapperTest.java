package io.copytrader.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.copytrader.config.Secret;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalMapperTest {

  private static final ObjectMapper JSON = JsonMapper.builder()
    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final SignalSource WITH_DEFAULTS = source(new BigDecimal("0.25"));
  private static final SignalSource WITHOUT_DEFAULTS = source(null);

  private static SignalSource source(BigDecimal ratio) {
    return new SignalSource("tv", Secret.of("token-0123456789abcdef"), List.of(1L, 2L), null, null, ratio,
      Map.of());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    // native fields pass as they are
    "{'account_index':1,'symbol':'ETH','trade_type':'long','reference_position_ratio':0.5}"
      + " | TRADE | {'symbol':'ETH','trade_type':'long','reference_position_ratio':0.5} | 1 | - | -",
    "{'symbol':'ETH','adjustment_type':'decrease','percentage':0.25}"
      + " | ADJUST | {'symbol':'ETH','adjustment_type':'decrease','percentage':0.25} | - | - | -",
    // aliases of trade_type, case-insensitive, and action as TradingView's {{strategy.order.action}}
    "{'symbol':'ETH','trade_type':'buy'} | TRADE | {'symbol':'ETH','trade_type':'long','reference_position_ratio':0.25} | - | - | -",
    "{'symbol':'ETH','trade_type':'SELL','reference_position_ratio':0.1}"
      + " | TRADE | {'symbol':'ETH','trade_type':'short','reference_position_ratio':0.1} | - | - | -",
    "{'symbol':'ETH','trade_type':'flat'} | TRADE | {'symbol':'ETH','trade_type':'close'} | - | - | -",
    "{'symbol':'ETH','action':'buy'} | TRADE | {'symbol':'ETH','trade_type':'long','reference_position_ratio':0.25} | - | - | -",
    "{'symbol':'ETH','action':'sell'} | TRADE | {'symbol':'ETH','trade_type':'short','reference_position_ratio':0.25} | - | - | -",
    // strategy positions: a target of +ratio, -ratio or 0
    "{'ticker':'ETHUSDT.P','market_position':'long','market_position_size':'1.5','action':'buy'}"
      + " | POSITION | {'reference_position_ratio':0.25} | - | ETHUSDT.P | 0.25",
    "{'ticker':'ETHUSDT.P','market_position':'short','market_position_size':2,'reference_position_ratio':0.5}"
      + " | POSITION | {'reference_position_ratio':0.5} | - | ETHUSDT.P | -0.5",
    "{'ticker':'ETHUSDT.P','market_position':'flat','market_position_size':'0','action':'sell'}"
      + " | POSITION | {} | - | ETHUSDT.P | 0",
    "{'symbol':'ETH','market_position':'Long','market_position_size':0} | POSITION | {'symbol':'ETH'} | - | - | 0",
    // times: epoch seconds, epoch ms, ISO-8601 as {{timenow}} writes it; max_lag in seconds
    "{'symbol':'ETH','trade_type':'close','timestamp':1765015098,'max_lag':30}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','signal_timestamp':1765015098000,'max_lag_ms':30000} | - | - | -",
    "{'symbol':'ETH','trade_type':'close','timestamp':'1765015098123','max_lag':'5'}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','signal_timestamp':1765015098123,'max_lag_ms':5000} | - | - | -",
    "{'symbol':'ETH','trade_type':'close','timestamp':'2025-12-06T09:58:18Z'}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','signal_timestamp':1765015098000} | - | - | -",
    "{'symbol':'ETH','trade_type':'close','timestamp':'2025-12-06T10:58:18.5+01:00'}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','signal_timestamp':1765015098500} | - | - | -",
    // the idempotency key, kept per source
    "{'symbol':'ETH','trade_type':'close','id':'abc-1'}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','client_request_id':'webhook:tv:abc-1'} | - | - | -",
    "{'symbol':'ETH','trade_type':'close','signalId':42}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','client_request_id':'webhook:tv:42'} | - | - | -",
    "{'symbol':'ETH','trade_type':'close','client_request_id':'k'}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','client_request_id':'webhook:tv:k'} | - | - | -",
    // the token in the body is not part of the request; an unknown field is kept for the native rules to name
    "{'secret':'token-0123456789abcdef','symbol':'ETH','trade_type':'close','extra':1}"
      + " | TRADE | {'symbol':'ETH','trade_type':'close','extra':1} | - | - | -",
    "{'symbol':'ETH','account_index':null,'trade_type':'close'} | TRADE | {'symbol':'ETH','trade_type':'close'} | - | - | -"})
  void aPayloadMapsToTheNativeRequest(String payload, MappedSignal.Route route, String body, Long account,
                                      String ticker, BigDecimal target) throws Exception {
    MappedSignal signal = SignalMapper.map(json(payload), WITH_DEFAULTS);

    assertThat(signal.route()).isEqualTo(route);
    assertThat(JSON.readTree(signal.body().toString())).isEqualTo(json(body));
    assertThat(signal.accountIndex()).isEqualTo(account);
    assertThat(signal.ticker()).isEqualTo(ticker);
    if (target == null) {
      assertThat(signal.targetRatio()).isNull();
    } else {
      assertThat(signal.targetRatio()).isEqualByComparingTo(target);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "{'market_position':'long','reference_position_ratio':0.3}  | {'target_ratio':0.3}",
    "{'market_position':'short','reference_position_ratio':0.3} | {'target_ratio':-0.3}",
    "{'market_position':'flat'}                                 | {'target_ratio':0}"})
  void aTargetIsSentAsItsTargetRatio(String payload, String position) throws Exception {
    assertThat(JSON.readTree(SignalMapper.map(json(payload), WITHOUT_DEFAULTS).positionBody().toString()))
      .isEqualTo(json(position));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "{'trade_type':'long','action':'buy'}                       | set trade_type or action, not both",
    "{'trade_type':'hold'}                                      | trade_type must be one of long, short, close, buy, sell, flat",
    "{'action':3}                                               | action must be a string",
    "{'market_position':'up'}                                   | market_position must be one of long, short, flat",
    "{'market_position':'long','trade_type':'long'}             | market_position states the position to hold",
    "{'market_position':'long'}                                 | reference_position_ratio is required (or defaults.ratio",
    "{'market_position':'long','reference_position_ratio':2}    | reference_position_ratio must be between 0 and 1",
    "{'market_position':'long','reference_position_ratio':'0.5'} | reference_position_ratio must be a number",
    "{'market_position':'long','reference_position_ratio':1E-999999999} | reference_position_ratio must be between 0 and 1",
    "{'market_position':'flat','market_position_size':3}        | market_position_size must be 0 when market_position is flat",
    "{'market_position':'long','market_position_size':'-1'}    | market_position_size must be a number of at least 0",
    "{'market_position':'long','market_position_size':'1e999'} | market_position_size must be a number of at least 0",
    "{'ticker':'ETHUSDT','symbol':'ETH'}                        | set ticker or symbol, not both",
    "{'ticker':''}                                              | ticker must be 1 to 64 printable ASCII characters",
    "{'timestamp':'yesterday'}                                  | timestamp must be epoch seconds",
    "{'timestamp':-5}                                           | timestamp must be epoch seconds",
    "{'timestamp':1.5}                                          | timestamp must be epoch seconds",
    "{'timestamp':'+999999999-12-31T23:59:59Z'}                 | timestamp must be epoch seconds",
    "{'timestamp':1,'signal_timestamp':1}                       | set timestamp or signal_timestamp, not both",
    "{'max_lag':0}                                              | max_lag must be a whole number of seconds from 1 to 86400",
    "{'max_lag':86401}                                          | max_lag must be a whole number of seconds from 1 to 86400",
    "{'max_lag':1,'max_lag_ms':1}                               | set max_lag or max_lag_ms, not both",
    "{'id':'a','signalId':'b'}                                  | set one of id, signalId, client_request_id, not id and signalId",
    "{'id':''}                                                  | id must be 1 to 64 printable ASCII characters",
    "{'signalId':{'a':1}}                                       | signalId must be 1 to 64 printable ASCII characters",
    "{'account_index':'1'}                                      | account_index must be an integer",
    "{'account_index':281474976710655}                          | account_index must be between 0 and 281474976710654"})
  void aPayloadBreakingARuleIsRefusedNamingTheField(String payload, String message) {
    assertThatThrownBy(() -> SignalMapper.map(json(payload), WITHOUT_DEFAULTS))
      .isInstanceOf(SignalException.class).hasMessageContaining(message);
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}
