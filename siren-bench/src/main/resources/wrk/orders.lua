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

-- a 503 must tell the customer when to try again, in a problem body
dishonest = 0

function response(status, headers)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 then
    local retryAfter, problem = false, false
    for name, value in pairs(headers) do
      name = string.lower(name)
      retryAfter = retryAfter or name == "retry-after"
      problem = problem or (name == "content-type" and string.find(value, "application/problem+json", 1, true) ~= nil)
    end
    if not (retryAfter and problem) then
      dishonest = dishonest + 1
    end
  end
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency)
  local totals, dishonestTotal = {}, 0
  for _, thread in ipairs(threads) do
    dishonestTotal = dishonestTotal + thread:get("dishonest")
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
      .. '"p50Micros":%d,"p90Micros":%d,"p99Micros":%d,"socketErrors":%d,"refusalsWithoutRetryAfter":%d,'
      .. '"statuses":{%s}}\n',
      summary.requests, summary.duration, latency.mean, latency.max, latency:percentile(50),
      latency:percentile(90), latency:percentile(99),
      errors.connect + errors.read + errors.write + errors.timeout, dishonestTotal, table.concat(counts, ",")))
end
