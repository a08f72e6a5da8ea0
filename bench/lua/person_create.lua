-- POST /api/v1/people with varied bodies: names, a unique email, a stage, sometimes a birthday.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local first = {"Anna", "Jürgen", "Zoë", "Łukasz", "François", "Maria", "Thomas", "Sophie", "Mehmet", "Giulia"}
local last = {"Müller", "Schmidt", "Schäfer", "García", "Nowak", "O'Brien", "Dvořák", "Weiß", "Rossi", "Jansen"}
local stages = {"prospect", "lead", "customer", "repeat", "loyal", "churned"}
local n = 0

function init(args) seed() end

function request()
  n = n + 1
  local body = string.format(
    '{"first_name":"%s","last_name":"%s","email":"bench.%d.%d.%d@example.com","lifecycle_stage":"%s"%s}',
    pick(first), pick(last), thread_id or 0, os.time(), n, pick(stages),
    math.random(2) == 1 and string.format(',"birthday":"19%02d-%02d-%02d"', math.random(50, 99),
      math.random(12), math.random(28)) or "")
  -- Headers given here replace wrk.headers (-H), so the key is named again.
  return wrk.format("POST", "/api/v1/people",
    {["Content-Type"] = "application/json", ["Authorization"] = wrk.headers["Authorization"]}, body)
end
