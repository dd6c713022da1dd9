-- wrk: anonymous public reads cycling over a list of paths (each thread starts at its own place);
-- done() prints "answers N ok N busy N other N" (busy: 503 from the public pool's statement timeout).
-- usage: wrk ... -s public-flood.lua URL -- PATHFILE
local counter, threads = 0, {}
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  threads[#threads + 1] = thread
end

local paths, i = {}, 0
ok, busy, other = 0, 0, 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = (id or 0) * 7919
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status)
  if status == 200 or status == 304 then ok = ok + 1 elseif status == 503 then busy = busy + 1 else other = other + 1 end
end

function done()
  local o, b, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + (t:get("ok") or 0); b = b + (t:get("busy") or 0); x = x + (t:get("other") or 0) end
  io.write(string.format("answers %d ok %d busy %d other %d\n", o + b + x, o, b, x))
end
