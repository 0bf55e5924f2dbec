package io.copytrader.lighter.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TxAttributesTest {

  private static final long EXPIRED_AT = 1767226199000L;

  @Test
  void noneRendersAsJsonNull() {
    StringBuilder json = new StringBuilder();
    TxAttributes.none().appendJson(json);
    assertThat(json).hasToString("null");
  }

  @Test
  void attributesRenderWithAscendingKeys() {
    Map<Integer, Long> values = new HashMap<>();
    values.put(5, 3L);
    values.put(4, 1L);
    StringBuilder json = new StringBuilder();
    TxAttributes.of(values).appendJson(json);
    assertThat(json).hasToString("{\"4\":1,\"5\":3}");
  }

  @Test
  void nilValuesAreDropped() {
    TxAttributes attributes = TxAttributes.of(Map.of(TxAttributes.SKIP_TX_NONCE, 0L,
        TxAttributes.CANCEL_ALL_MARKET_INDEX, 255L));
    assertThat(attributes.isEmpty()).isTrue();
    assertThat(attributes).isEqualTo(TxAttributes.none());
  }

  @Test
  void hashElementsArePairsPaddedToEight() {
    TxAttributes attributes = TxAttributes.of(Map.of(TxAttributes.INTEGRATOR_ACCOUNT_INDEX, 9L,
        TxAttributes.INTEGRATOR_TAKER_FEE, 500L, TxAttributes.SKIP_TX_NONCE, 1L));
    assertThat(attributes.hashElements()).containsExactly(1, 9, 2, 500, 4, 1, 0, 0);
  }

  @Test
  void emptyAttributesLeaveTheTxHashUnchanged() {
    TxSigner signer = new TxSigner(TxSigner.MAINNET_CHAIN_ID);
    CancelOrderTx plain = new CancelOrderTx(1, 3, 0, 1, EXPIRED_AT, 0, TxAttributes.none());
    CancelOrderTx nilOnly = new CancelOrderTx(1, 3, 0, 1, EXPIRED_AT, 0,
        TxAttributes.of(Map.of(TxAttributes.SKIP_TX_NONCE, 0L)));
    CancelOrderTx skipNonce = new CancelOrderTx(1, 3, 0, 1, EXPIRED_AT, 0, TxAttributes.skipNonce());
    assertThat(signer.messageHash(nilOnly)).containsExactly(signer.messageHash(plain));
    assertThat(signer.messageHash(skipNonce)).isNotEqualTo(signer.messageHash(plain));
  }

  @Test
  void unknownTypeIsRejected() {
    InvalidTxException e = catchThrowableOfType(InvalidTxException.class, () -> TxAttributes.of(Map.of(8, 1L)));
    assertThat(e.field()).isEqualTo("L2TxAttributes");
  }

  @Test
  void moreThanFourAttributesAreRejected() {
    InvalidTxException e = catchThrowableOfType(InvalidTxException.class, () -> TxAttributes.of(Map.of(
        1, 1L, 2, 1L, 3, 1L, 4, 1L, 6, 1L)));
    assertThat(e.field()).isEqualTo("L2TxAttributes");
  }

  @Test
  void nullAttributesMeanNone() {
    assertThat(new CancelOrderTx(1, 3, 0, 1, EXPIRED_AT, 0, null).attributes()).isEqualTo(TxAttributes.none());
  }
}
