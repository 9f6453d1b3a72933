-- wrk script for benchmarks/run.py.
--   warm: wrk -s bench.lua URL            the same URL again and again
--   cold: wrk -s bench.lua URL -- FILE THREADS unique|same
--                                         each request the next path in FILE (one a line);
--                                         each thread starts at its own offset; with "unique"
--                                         every request carries a parameter of its own, so
--                                         the portal's page cache never answers a cold one
-- At the end it prints one JSON line: requests, duration, errors, latency percentiles.

local threads = {}
local paths = {}
local position = 0
local sent = 0
local unique = false

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then
    for line in io.lines(args[1]) do
      if #line > 0 then paths[#paths + 1] = line end
    end
    local count = tonumber(args[2]) or 1
    position = math.floor(id * #paths / count)
    unique = args[3] == "unique"
  end
end

function request()
  if #paths == 0 then
    return wrk.format(nil, nil)
  end
  position = position % #paths + 1
  local path = paths[position]
  if not unique then
    return wrk.format(nil, path)
  end
  sent = sent + 1
  local separator = path:find("?", 1, true) and "&" or "?"
  return wrk.format(nil, path .. separator .. "cold=" .. id .. "-" .. sent)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p95": %d, "p99": %d, "mean": %.1f, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
end
