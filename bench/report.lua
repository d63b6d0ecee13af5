-- wrk script for bench/run.py: rotates session cookies, counts answers that are not 200,
-- and prints one JSON line with the figures the benchmark reports.
--
--   wrk ... -s bench/report.lua <url> -- <file with one session key a line, or "-">

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("id", thread_count)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  sessions = {}
  local path = args[1]
  if path ~= nil and path ~= "-" then
    for line in io.lines(path) do
      if line ~= "" then
        table.insert(sessions, line)
      end
    end
  end
  -- Each thread starts at a different session, so requests spread over all of them.
  counter = (id or 1) * 7
end

function request()
  if #sessions == 0 then
    return wrk.format(nil, nil)
  end
  counter = counter % #sessions + 1
  return wrk.format(nil, nil, { ["Cookie"] = "sessionid=" .. sessions[counter] })
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "not_200": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, bad,
    errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean
  ))
end
