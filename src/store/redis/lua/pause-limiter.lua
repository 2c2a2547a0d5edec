--[[
  pause-limiter: block a BullMQ queue on every replica for at least ARGV[1] ms without breaking its request budget
  (src/queue/classify-queue-pause.ts explains why BullMQ's own rateLimit() is not used).

  KEYS[1]   the queue's limiter key (requests started in the current window; PAUSE_MARKER while paused)
  KEYS[2]   the carry key: the interrupted window's count, kept for as long as the window lasts
  ARGV[1]   pause in ms
  ARGV[2]   the limiter's max jobs per window
  ARGV[3]   PAUSE_MARKER (the value BullMQ itself writes to block a limiter)
  Returns   the ms the queue is now blocked for (>= ARGV[1]; more when a longer block was already in force)
]]
local ms = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local value = redis.call('GET', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if value == false or ttl <= 0 then
  redis.call('SET', KEYS[1], ARGV[3], 'PX', ms)
  return ms
end
if value == ARGV[3] or (tonumber(value) or 0) >= max then
  if ttl >= ms then return ttl end
  if value == ARGV[3] then
    redis.call('PEXPIRE', KEYS[1], ms)
  else
    redis.call('SET', KEYS[1], ARGV[3], 'PX', ms)
  end
  return ms
end
if ttl > ms then
  redis.call('SET', KEYS[2], value, 'PX', ttl)
end
redis.call('SET', KEYS[1], ARGV[3], 'PX', ms)
return ms
