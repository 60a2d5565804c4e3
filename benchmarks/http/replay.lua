-- wrk script: replays a pool of pre-signed raw HTTP requests, round-robin per thread.
-- Usage: wrk -s replay.lua http://127.0.0.1:PORT/ -- /path/to/requests.tsv
-- requests.tsv: one request per line, tab-separated fields:
--   METHOD <TAB> PATH <TAB> BODY <TAB> Header-Name: value <TAB> Header-Name: value ...
-- (run.py writes it; bodies are form-encoded and never contain tabs or newlines.)

local requests = {}
local next_index = 1

local function split_tabs(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("(.-)\t") do fields[#fields + 1] = field end
  return fields
end

function init(args)
  local path = args[1]
  if path == nil then error("replay.lua: pass the request file after --") end
  local file = assert(io.open(path, "r"))
  for line in file:lines() do
    if line ~= "" then
      local f = split_tabs(line)
      local headers = {}
      for i = 4, #f do
        local name, value = f[i]:match("^([^:]+): (.*)$")
        if name == nil then error("replay.lua: bad header field: " .. f[i]) end
        headers[name] = value
      end
      requests[#requests + 1] = wrk.format(f[1], f[2], headers, f[3])
    end
  end
  file:close()
  if #requests == 0 then error("replay.lua: no requests in " .. path) end
  -- Start each thread at a different offset of the pool.
  next_index = (math.random(#requests) - 1) % #requests + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

-- Machine-readable summary for run.py (latencies in microseconds).
function done(summary, latency, requests_)
  local e = summary.errors
  io.write(string.format(
    "WRK_SUMMARY requests=%d duration_us=%d bytes=%d status_errors=%d connect=%d read=%d write=%d timeout=%d " ..
    "p50=%d p90=%d p99=%d p999=%d max=%d mean=%.1f\n",
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
