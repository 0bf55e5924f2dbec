package io.copytrader.lighter.signer;

/** An L2 transaction the service signs: its common fields and its validation against Lighter's rules. */
public sealed interface LighterTx permits CreateOrderTx, CancelOrderTx, CancelAllOrdersTx, ModifyOrderTx,
    CreateGroupedOrdersTx, UpdateLeverageTx {

  int txType();

  long accountIndex();

  int apiKeyIndex();

  long expiredAt();

  long nonce();

  TxAttributes attributes();

  /** Throws {@link InvalidTxException} naming the first field Lighter would reject. */
  void validate();
}
