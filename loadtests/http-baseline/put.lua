-- PUTs a new value on each request to one of 100 keys, so every request writes a new version.
dofile(os.getenv("REPORT_LUA"))

local counter = 0
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

function request()
  counter = counter + 1
  local key = string.format("Write:Key%02d", counter % 100)
  local body = string.format('{"value": %d}', thread_id * 100000000 + counter)
  -- wrk.format takes the given headers instead of wrk.headers, so the -H headers are copied in.
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  return wrk.format("PUT", wrk.path .. key, headers, body)
end
