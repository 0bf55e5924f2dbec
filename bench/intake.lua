-- wrk script for bench/intake.sh: POST /api/trade with valid bodies, spread round-robin over ACCOUNTS_COUNT
-- accounts (1001..1000+ACCOUNTS_COUNT) and three markets, and a count of responses by status.
-- With EXPIRE=1 every body carries signal_timestamp 1 and max_lag_ms 1: still accepted and journaled, but
-- expired (journaled, not traded) when its account reaches it, which isolates intake from execution.

local accounts = tonumber(os.getenv("ACCOUNTS_COUNT") or "20")
local expire = os.getenv("EXPIRE") == "1"
-- PACE_MS > 0: each connection waits that long after every answer, so the offered rate is about
-- connections / (PACE_MS + latency) instead of as fast as answers come back.
local pace_ms = tonumber(os.getenv("PACE_MS") or "0")
local symbols = { "ETH", "BTC", "SOL" }
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7919
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local account = 1001 + counter % accounts
  local symbol = symbols[1 + math.floor(counter / accounts) % #symbols]
  local body = string.format(
    '{"account_index":%d,"symbol":"%s","trade_type":"long","reference_position_ratio":0.001%s}', account, symbol,
    expire and ',"signal_timestamp":1,"max_lag_ms":1' or "")
  return wrk.format(nil, "/api/trade", nil, body)
end

if pace_ms > 0 then
  function delay()
    return pace_ms
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local seconds = summary.duration / 1e6
  local accepted = totals[202] or 0
  io.write("statuses:")
  for status, count in pairs(totals) do
    io.write(string.format(" %d=%d", status, count))
  end
  io.write("\n")
  io.write(string.format("accepted (202) per second: %.0f\n", accepted / seconds))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("latency p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max: %.2f ms\n", latency.max / 1000))
end
