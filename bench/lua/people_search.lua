-- q= search over people with realistic prefixes as typed into a search box.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")

local queries = {
  "mül", "anna sch", "schm", "jürg", "zoë", "łuk", "garc", "o'bri", "sven lind", "kowal",
  "fischer", "hoffm", "maria k", "thomas mü", "nordlicht", "dvoř", "yılm", "papad", "chloé du",
  "lena wag", "+49 30", "becker", "sophie", "weiß", "van der",
}

function init(args) seed() end

function request()
  return wrk.format("GET", "/api/v1/people?limit=50&q=" .. urlencode(pick(queries)))
end
