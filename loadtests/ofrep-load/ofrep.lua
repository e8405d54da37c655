-- POSTs one fixed OFREP request body (OFREP_BODY), with If-None-Match when OFREP_IF_NONE_MATCH is
-- set, and prints the RESULT line of ../http-baseline/report.lua. A 304 is the expected answer to
-- If-None-Match, so it does not count as a failure.
dofile(os.getenv("REPORT_LUA"))

wrk.method = "POST"
wrk.body = os.getenv("OFREP_BODY")
wrk.headers["Content-Type"] = "application/json"
local etag = os.getenv("OFREP_IF_NONE_MATCH")
if etag ~= nil and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

local count_response = response
function response(status, headers, body)
  if status ~= 304 then
    count_response(status, headers, body)
  end
end
