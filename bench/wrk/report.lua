-- Prints one machine-readable line at the end of a wrk run: bench/run.py parses it.
-- Optional argument: a comma-separated list of paths to cycle through.
local paths = {}
local counter = 0

function init(args)
  if args[1] then
    for path in string.gmatch(args[1], "[^,]+") do table.insert(paths, path) end
  end
end

function request()
  if #paths == 0 then return wrk.request() end
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
