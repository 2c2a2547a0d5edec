--[[
  apply-deltas: apply a batch of counter / HyperLogLog / set / list operations exactly once.

  KEYS[1]   marker key ({p}:batch:<id> or {p}:sample:<id>); if it exists nothing is applied
  KEYS[2..] data keys, referenced by index from ARGV
  ARGV[1]   marker TTL in seconds
  ARGV[2..] operations, each starting with an opcode:
              'h', keyIndex, n, field1, incr1, ..., fieldN, incrN   HINCRBY each field
              'p', keyIndex, n, elem1, ..., elemN                  PFADD (chunked)
              'P', k, keyIndex1, ..., keyIndexK, width, packed     PFADD to each of the k keys the elements
                                                                   packed in one string, width bytes each
              's', keyIndex, n, member1, ..., memberN              SADD
              'l', keyIndex, ttlSeconds, value                     RPUSH value, EXPIRE key ttl
  Returns   1 when applied, 0 when the marker existed (a retried, stalled or replayed batch).
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local i = 2
local n_argv = #ARGV
while i <= n_argv do
  local op = ARGV[i]
  local key = KEYS[tonumber(ARGV[i + 1])]
  if op == 'P' then
    local k = tonumber(ARGV[i + 1])
    local width = tonumber(ARGV[i + 2 + k])
    local packed = ARGV[i + 3 + k]
    local total = #packed / width
    local pos = 1
    while pos <= total do
      local stop = math.min(pos + 499, total)
      local chunk = {}
      for e = pos, stop do
        local from = (e - 1) * width + 1
        chunk[#chunk + 1] = string.sub(packed, from, from + width - 1)
      end
      for j = 1, k do
        redis.call('PFADD', KEYS[tonumber(ARGV[i + 1 + j])], unpack(chunk))
      end
      pos = stop + 1
    end
    i = i + 4 + k
  elseif op == 'h' then
    local n = tonumber(ARGV[i + 2])
    local j = i + 3
    for _ = 1, n do
      redis.call('HINCRBY', key, ARGV[j], ARGV[j + 1])
      j = j + 2
    end
    i = j
  elseif op == 'p' or op == 's' then
    local n = tonumber(ARGV[i + 2])
    local j = i + 3
    local cmd = (op == 'p') and 'PFADD' or 'SADD'
    local last = j + n - 1
    while j <= last do
      local stop = math.min(j + 499, last)
      redis.call(cmd, key, unpack(ARGV, j, stop))
      j = stop + 1
    end
    i = last + 1
  elseif op == 'l' then
    redis.call('RPUSH', key, ARGV[i + 3])
    redis.call('EXPIRE', key, ARGV[i + 2])
    i = i + 4
  else
    return redis.error_reply('apply-deltas: unknown opcode ' .. tostring(op))
  end
end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
return 1
