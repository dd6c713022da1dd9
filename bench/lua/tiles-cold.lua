-- wrk: fetches distinct tiles of a list (thread k of n takes lines k, k+n, ...), each at most once
-- until the list runs out (then it wraps; the caller sees it by comparing requests with the list),
-- and writes "path status etag" per answer to OUT.k. Run with as many connections as threads
-- (-t n -c n): each thread has one connection, so a response belongs to the thread's last request.
-- usage: wrk -t n -c n ... -s tiles-cold.lua URL -- TILEFILE n OUT
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local tiles, i, current, out = {}, 0, nil, nil
function init(args)
  local n, k = tonumber(args[2]), 0
  for line in io.lines(args[1]) do
    if k % n == id - 1 then tiles[#tiles + 1] = line end
    k = k + 1
  end
  out = io.open(args[3] .. "." .. id, "w")
end

function request()
  i = i + 1
  current = tiles[((i - 1) % #tiles) + 1]
  return wrk.format("GET", current)
end

function response(status, headers)
  out:write(current, " ", status, " ", headers["ETag"] or headers["etag"] or "-", "\n")
  out:flush()
end
