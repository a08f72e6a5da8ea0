-- Pages of the timeline of one person with 10,000 entries (BENCH_TIMELINE_ID): the first page, or
-- (one request in two) the page after one seen earlier, up to a few hundred pages deep.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local id = os.getenv("BENCH_TIMELINE_ID") or "1"
local cursors = {}

function init(args) seed() end

function request()
  local path = "/api/v1/people/" .. id .. "/timeline?limit=50"
  if #cursors > 0 and math.random(2) == 1 then
    path = path .. "&after=" .. cursors[math.random(#cursors)]
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local next = body:match('"next":"([^"]+)"')
  if next and #cursors < 200 then cursors[#cursors + 1] = next end
end
