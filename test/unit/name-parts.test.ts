import { describe, expect, it } from 'vitest';
import { nameParts } from '../../src/lib/text/name-parts.ts';

describe('nameParts', () => {
  it.each([
    ['SLOAvailabilityFastBurn', ['SLO', 'Availability', 'Fast', 'Burn']],
    ['DatabaseConnectionPoolHigh', ['Database', 'Connection', 'Pool', 'High']],
    ['LatencyP95Breaching', ['Latency', 'P95', 'Breaching']],
    ['KubePodCrashLooping', ['Kube', 'Pod', 'Crash', 'Looping']],
    ['node_filesystem_full', ['node_', 'filesystem_', 'full']],
    ['tickets-pod-crash-loop', ['tickets-', 'pod-', 'crash-', 'loop']],
    ['HTTP', ['HTTP']],
    ['x', ['x']],
  ])('%s', (name, parts) => {
    expect(nameParts(name)).toEqual(parts);
    expect(nameParts(name).join('')).toBe(name);
  });
});
