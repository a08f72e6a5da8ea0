-- Cross-sell suggestions for a random person of BENCH_MIN_ID..BENCH_MAX_ID (most have orders).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local min_id = tonumber(os.getenv("BENCH_MIN_ID") or "1")
local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "1000")

function init(args) seed() end

function request()
  return wrk.format("GET", "/api/v1/people/" .. math.random(min_id, max_id) .. "/suggestions?limit=10")
end
