-- wrk: GET PATH?lon=&lat= at a uniformly random point of a bbox.
-- usage: wrk ... -s random-point.lua URL -- PATH MINLON MINLAT MAXLON MAXLAT
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

local path, minx, miny, maxx, maxy
function init(args)
  path = args[1]
  minx, miny, maxx, maxy = tonumber(args[2]), tonumber(args[3]), tonumber(args[4]), tonumber(args[5])
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  local lon = minx + math.random() * (maxx - minx)
  local lat = miny + math.random() * (maxy - miny)
  return wrk.format("GET", string.format("%s?lon=%.7f&lat=%.7f", path, lon, lat))
end
