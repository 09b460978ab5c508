-- Customers ordering: POST /orders for the product ids given as arguments, in turn, each connection a customer
-- who orders again as soon as answered. The first argument is a file of customers' access tokens, one a line: each
-- order carries one of them, in turn (wrk's scripts cannot tell connections apart, so the customers take turns).

local products = {}
local tokens = {}
local sent = 0
local signed = 0

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  for i = 2, #args do
    products[#products + 1] = args[i]
  end
  -- customers start at different places on the menu
  sent = math.random(#products)
  signed = math.random(#tokens)
end

function request()
  sent = sent + 1
  signed = signed + 1
  local body = '{"productId":' .. products[(sent % #products) + 1] .. '}'
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[(signed % #tokens) + 1]
  }
  return wrk.format("POST", "/orders", headers, body)
end
