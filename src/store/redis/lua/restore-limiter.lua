--[[
  restore-limiter: at the end of a pause, put the interrupted window's count back into the limiter key.

  KEYS[1]   the queue's limiter key
  KEYS[2]   the carry key
  ARGV[1]   EXTENDED_PAUSE_MS: a pause with more than this left was extended by a later pause, which restores itself
  ARGV[2]   PAUSE_MARKER
  Returns   1 when the carried count was put back, 0 when there was nothing (yet) to do
]]
local carry = redis.call('GET', KEYS[2])
if carry == false then return 0 end
local carryTtl = redis.call('PTTL', KEYS[2])
if carryTtl <= 0 then return 0 end
local value = redis.call('GET', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if value == ARGV[2] and ttl > tonumber(ARGV[1]) then return 0 end
if value == false or value == ARGV[2] then
  redis.call('SET', KEYS[1], carry, 'PX', carryTtl)
else
  redis.call('INCRBY', KEYS[1], tonumber(carry))
  if ttl < 0 or carryTtl < ttl then redis.call('PEXPIRE', KEYS[1], carryTtl) end
end
redis.call('DEL', KEYS[2])
return 1
