// What a Redis command risks (`redis-cli FLUSHDB`, or a line of commands fed to redis-cli), matched on its
// command and subcommand words, case-insensitively.
import type { ChangingRisk } from './shell-table.ts';

export interface RedisRiskEntry {
  /** The command and its subcommand: `FLUSHDB`, `CONFIG SET`; `a|b` either. */
  pattern: string;
  risk: ChangingRisk;
  reason: string;
}

const D = 'destructive' as const;
const C = 'change' as const;

export const REDIS_RISKS: readonly RedisRiskEntry[] = [
  // Redis
  { pattern: 'FLUSHDB', risk: D, reason: 'deletes every key in the database' },
  { pattern: 'FLUSHALL', risk: D, reason: 'deletes every key in every database' },
  { pattern: 'DEL|UNLINK|GETDEL', risk: D, reason: 'deletes keys' },
  {
    pattern: 'HDEL|SREM|ZREM|ZREMRANGEBYSCORE|ZREMRANGEBYRANK|ZREMRANGEBYLEX|LREM|LTRIM|LPOP|RPOP|SPOP|XDEL|XTRIM',
    risk: D,
    reason: 'removes elements from a key',
  },
  { pattern: 'SHUTDOWN', risk: D, reason: 'stops the server (unsaved data is lost)' },
  { pattern: 'REPLICAOF|SLAVEOF', risk: D, reason: 'makes the server a replica (its data is replaced)' },
  { pattern: 'REPLICAOF|SLAVEOF NO ONE', risk: C, reason: 'promotes a replica to primary' },
  { pattern: 'MIGRATE', risk: D, reason: 'moves keys to another server' },
  { pattern: 'CLUSTER RESET|FORGET', risk: D, reason: 'removes a node from the cluster' },
  { pattern: 'CLUSTER FAILOVER|SETSLOT|ADDSLOTS|DELSLOTS|MEET', risk: C, reason: 'changes the cluster layout' },
  { pattern: 'FUNCTION FLUSH|DELETE', risk: D, reason: 'deletes server-side functions' },
  { pattern: 'SCRIPT FLUSH', risk: C, reason: 'empties the script cache' },
  { pattern: 'DEBUG', risk: D, reason: 'can crash or block the server' },
  { pattern: 'CONFIG SET|REWRITE|RESETSTAT', risk: C, reason: 'changes the server configuration' },
  { pattern: 'CLIENT KILL|PAUSE|NO-EVICT', risk: C, reason: 'disconnects or pauses clients' },
  { pattern: 'ACL SETUSER|DELUSER|LOAD', risk: C, reason: 'changes users and permissions' },
  { pattern: 'FAILOVER', risk: C, reason: 'fails over to a replica' },
  {
    pattern:
      'SET|SETEX|PSETEX|SETNX|MSET|MSETNX|GETSET|SETRANGE|APPEND|INCR|INCRBY|INCRBYFLOAT|DECR|DECRBY|HSET|HSETNX|HMSET|HINCRBY|LPUSH|RPUSH|LSET|LINSERT|SADD|SMOVE|ZADD|ZINCRBY|XADD|RENAME|RENAMENX|COPY|MOVE|SWAPDB|RESTORE',
    risk: C,
    reason: 'writes keys',
  },
  { pattern: 'EXPIRE|PEXPIRE|EXPIREAT|PEXPIREAT|PERSIST', risk: C, reason: 'changes when keys expire' },
  { pattern: 'BGREWRITEAOF|BGSAVE|SAVE', risk: C, reason: 'writes the data set to disk' },
];

/** The most specific entry for a Redis command's words, with how many words it matched. */
export function redisRisk(words: readonly string[]): { entry: RedisRiskEntry; count: number } | undefined {
  let best: { entry: RedisRiskEntry; count: number } | undefined;
  for (const entry of REDIS_RISKS) {
    const parts = entry.pattern.split(' ');
    if (!parts.every((part, i) => words[i] !== undefined && part.split('|').includes(words[i].toUpperCase()))) continue;
    if (!best || parts.length > best.count) best = { entry, count: parts.length };
  }
  return best;
}
