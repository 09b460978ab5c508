-- Appended to every scenario by Wrk.java: counts the answers by status (and 503s that do not say when to retry),
-- and at the end prints one line of JSON with the figures, read by Wrk.java.

statuses = {}

-- a 503 must tell the customer when to try again, in a problem body
dishonest = 0

-- server errors by the detail of their problem body, so that a load that should have none says what they were
serverErrors = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 500 then
    local detail = string.match(body or "", '"detail":"(.-)"') or ("HTTP " .. status .. " without a problem detail")
    serverErrors[detail] = (serverErrors[detail] or 0) + 1
  end
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
  local totals, dishonestTotal, errorTotals = {}, 0, {}
  for _, thread in ipairs(threads) do
    dishonestTotal = dishonestTotal + thread:get("dishonest")
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    for detail, count in pairs(thread:get("serverErrors")) do
      errorTotals[detail] = (errorTotals[detail] or 0) + count
    end
  end
  local details = {}
  for detail, count in pairs(errorTotals) do
    details[#details + 1] = string.format('"%s":%d', (string.gsub(detail, '[\\"]', '')), count)
  end
  local counts = {}
  for status, count in pairs(totals) do
    counts[#counts + 1] = string.format('"%d":%d', status, count)
  end
  -- the latency distribution, for the chart: microseconds at each percentile
  local distribution = {}
  for _, p in ipairs({ 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100 }) do
    -- wrk's percentile(100) answers 0: the maximum is latency.max
    local value = p == 100 and latency.max or latency:percentile(p)
    distribution[#distribution + 1] = string.format('"%g":%d', p, value)
  end
  local errors = summary.errors
  io.write(string.format('wrk-result {"requests":%d,"durationMicros":%d,"meanMicros":%.0f,"maxMicros":%d,'
      .. '"p50Micros":%d,"p90Micros":%d,"p99Micros":%d,"socketErrors":%d,"refusalsWithoutRetryAfter":%d,'
      .. '"statuses":{%s},"serverErrors":{%s},"percentiles":{%s}}\n',
      summary.requests, summary.duration, latency.mean, latency.max, latency:percentile(50),
      latency:percentile(90), latency:percentile(99),
      errors.connect + errors.read + errors.write + errors.timeout, dishonestTotal, table.concat(counts, ","),
      table.concat(details, ","), table.concat(distribution, ",")))
end
