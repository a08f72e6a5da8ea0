-- Shared by the record-engine scenarios of bench/run.sh: a per-thread random seed and URL encoding.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function seed()
  math.randomseed((thread_id or 0) * 7919 + os.time())
end

function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function pick(list)
  return list[math.random(#list)]
end
