-- wrk: revalidates tiles with If-None-Match (lines "path status etag" from tiles-cold.lua), cycling
-- for the run's duration; done() prints how many answers were not 304.
-- usage: wrk ... -s tiles-warm.lua URL -- ETAGFILE
local counter, threads = 0, {}
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

local tiles, i = {}, 0
not304 = 0
function init(args)
  for line in io.lines(args[1]) do
    local path, _, etag = line:match("^(%S+) (%S+) (.+)$")
    if path then tiles[#tiles + 1] = { path, etag } end
  end
  i = (id or 0) * 7919
end

function request()
  i = i + 1
  local t = tiles[(i % #tiles) + 1]
  return wrk.format("GET", t[1], { ["If-None-Match"] = t[2] })
end

function response(status)
  if status ~= 304 then not304 = not304 + 1 end
end

function done()
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("not304") or 0) end
  io.write(string.format("not304: %d\n", total))
end
