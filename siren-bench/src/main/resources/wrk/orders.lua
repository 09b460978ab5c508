-- Customers ordering: POST /orders for the product ids given as arguments, in turn, each connection a customer
-- who orders again as soon as answered. At the end, one line of JSON with the figures (see Wrk.java).

local products = {}
local sent = 0
statuses = {}

function init(args)
  for _, id in ipairs(args) do
    products[#products + 1] = id
  end
  -- customers start at different places on the menu
  sent = math.random(#products)
end

function request()
  sent = sent + 1
  local body = '{"productId":' .. products[(sent % #products) + 1] .. '}'
  return wrk.format("POST", "/orders", { ["Content-Type"] = "application/json" }, body)
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  local counts = {}
  for status, count in pairs(totals) do
    counts[#counts + 1] = string.format('"%d":%d', status, count)
  end
  local errors = summary.errors
  io.write(string.format('wrk-result {"requests":%d,"durationMicros":%d,"meanMicros":%.0f,"maxMicros":%d,'
      .. '"p50Micros":%d,"p90Micros":%d,"p99Micros":%d,"socketErrors":%d,"statuses":{%s}}\n',
      summary.requests, summary.duration, latency.mean, latency.max, latency:percentile(50),
      latency:percentile(90), latency:percentile(99),
      errors.connect + errors.read + errors.write + errors.timeout, table.concat(counts, ",")))
end
