-- A reader: GET of the path given as the argument, again as soon as answered, on every connection.

local path = "/"

function init(args)
  path = args[1] or path
end

function request()
  return wrk.format("GET", path)
end
