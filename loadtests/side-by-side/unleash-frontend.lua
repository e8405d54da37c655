-- GETs unleash's /api/frontend with a random user per request, as the OFREP bulk case does.
dofile(os.getenv("REPORT_LUA"))

local countries = {"de", "fr", "nl", "us", "jp", "br"}

function request()
  local user = math.random(0, 999999)
  local path = string.format("%s?userId=user-%d&country=%s", wrk.path, user, countries[math.random(1, #countries)])
  return wrk.format("GET", path)
end
