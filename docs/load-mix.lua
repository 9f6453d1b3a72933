-- wrk script for the load run in docs/operations.md: a visitor's mix of the
-- examples list, searches, filters, example pages and (signed in) the
-- submission form, each request as if it came through the HTTPS proxy.
--   SESSION=<a session id> DETAILS="/eksempler/a/ /eksempler/b/" wrk -s docs/load-mix.lua ...
-- wrk counts every answer that is not 2xx or 3xx as an error; done() prints them.

local details = {}
for path in string.gmatch(os.getenv("DETAILS") or "", "%S+") do
  table.insert(details, path)
end
local session = os.getenv("SESSION")

local paths = {
  "/eksempler/",
  "/eksempler/?page=2",
  "/eksempler/?q=l%C3%A6sning",
  "/eksempler/?q=ensomhed+%C3%A6ldre",
  "/eksempler/?q=frivillige&sort=newest",
  "/eksempler/?category=opsoegende-tilbud",
  "/",
}
for _, path in ipairs(details) do
  table.insert(paths, path)
  table.insert(paths, path)
end
local form = "/eksempler/indsend/"
local counter = 0

function request()
  counter = counter + 1
  local headers = { ["X-Forwarded-Proto"] = "https" }
  local path
  if session and counter % 10 == 0 then
    path = form
    headers["Cookie"] = "sessionid=" .. session
  else
    path = paths[(counter % #paths) + 1]
  end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "requests %d, non-2xx/3xx %d, socket errors connect %d read %d write %d timeout %d\n",
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
