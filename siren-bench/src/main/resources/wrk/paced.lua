-- Appended to a scenario: each connection, a customer, thinks a second between an answer and their next order. 50
-- such customers place up to 50 orders a second, a busy chain's rush hour, and leave a small machine room to do
-- something else meanwhile, such as restarting its services one after another (RollingUpdateIT).

function delay()
  return 1000
end
