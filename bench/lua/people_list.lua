-- A filtered, sorted page of 50 people: a few stage filters and sort keys; about one request in four
-- asks for a deeper page with the `next` cursor of an earlier answer of the same sort.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local filters = {
  "lifecycle_stage = 'customer'", "lifecycle_stage = 'lead'", "lifecycle_stage = 'loyal'",
  "lifecycle_stage = 'churned'", "relationship_stage = 'commitment'",
  "lifecycle_stage = 'customer' and relationship_stage = 'expansion'",
}
local sorts = {"last_name", "-last_touch_at", "first_name", "next_touch_due", "-created_at"}
local cursors = {}  -- sort text -> a `next` cursor seen for it

-- Base64url decoding, enough to read the sort text at the start of a cursor (["sort",...]).
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local function b64decode(s)
  local bits = s:gsub(".", function(c)
    local v = alphabet:find(c, 1, true)
    if not v then return "" end
    v = v - 1
    local out = ""
    for i = 5, 0, -1 do out = out .. (math.floor(v / 2 ^ i) % 2) end
    return out
  end)
  return (bits:gsub("%d%d%d%d%d%d%d%d", function(byte) return string.char(tonumber(byte, 2)) end))
end

function init(args) seed() end

function request()
  local sort = pick(sorts)
  local path = "/api/v1/people?limit=50&sort=" .. urlencode(sort) .. "&filter=" .. urlencode(pick(filters))
  if math.random(4) == 1 and cursors[sort] then
    path = path .. "&after=" .. cursors[sort]
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local next = body:match('"next":"([^"]+)"')
  if next then
    local sort = b64decode(next:sub(1, 64)):match('^%["([^"]*)"')
    if sort then cursors[sort] = next end
  end
end
