-- Appended to a scenario: each connection, a customer, thinks 100 ms between an answer and its next request, so
-- that a load leaves the machine room to do something else too, such as restarting services one after another.

function delay()
  return 100
end
