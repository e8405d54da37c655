-- POSTs an OFREP bulk evaluation with a random user per request: a targeting key out of a million
-- and the attributes the benchmark's targeting rules read.
dofile(os.getenv("REPORT_LUA"))

local countries = {"de", "fr", "nl", "us", "jp", "br"}

function request()
  local user = math.random(0, 999999)
  local body = string.format(
    '{"context":{"targetingKey":"user-%d","email":"user%d@example.com","country":"%s","age":%d}}',
    user, user, countries[math.random(1, #countries)], math.random(18, 77))
  local headers = {["Content-Type"] = "application/json"}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  return wrk.format("POST", wrk.path, headers, body)
end
