-- The forecast over every open and won deal, grouped by month, owner or pipeline in turn.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local groups = {"month", "owner", "pipeline"}

function init(args) seed() end

function request()
  return wrk.format("GET", "/api/v1/forecast?group=" .. pick(groups))
end
