-- Customers ordering: POST /orders for the product ids given as arguments, in turn, each connection a customer
-- who orders again as soon as answered.

local products = {}
local sent = 0

function init(args)
  for _, id in ipairs(args) do
    products[#products + 1] = id
  end
  -- customers start at different places on the menu
  sent = math.random(#products)
end

function request()
  sent = sent + 1
  local body = '{"productId":' .. products[(sent % #products) + 1] .. '}'
  return wrk.format("POST", "/orders", { ["Content-Type"] = "application/json" }, body)
end
