// The transcript of `runbook run`: one JSON object per command, one per line (JSON Lines).
// Secret values never appear in it: commands and output have them replaced by `***`.
import { z } from 'zod';
import { RISKS } from './risk.ts';

export const TRANSCRIPT_STATUSES = ['passed', 'failed', 'stopped', 'skipped', 'refused', 'interrupted'] as const;
export type TranscriptStatus = (typeof TRANSCRIPT_STATUSES)[number];

const output = z.string().describe('What the command wrote, secrets masked; the middle is cut out beyond the limit.');

export const transcriptEventSchema = z
  .object({
    runbook: z.string().describe('Id of the runbook.'),
    id: z.string().describe('Command id (`<runbook-id>/<step-id>[-n]` or the fence `id`).'),
    step: z.string().nullable().describe('Step id, or null for a block outside a step.'),
    option: z
      .object({ group: z.string(), id: z.string(), label: z.string() })
      .strict()
      .optional()
      .describe('The option taken, when the step is one of a choice (`### Option B: …`): its group (`resolution`), id and letter.'),
    language: z.enum(['shell', 'sql', 'promql']).describe('What ran it: bash, psql or an HTTP query to Prometheus.'),
    risk: z.enum(RISKS).describe('Declared risk of the block.'),
    command: z.string().describe('The script as run (after substitution), secret values replaced by ***.'),
    start: z.iso.datetime().describe('When the command started (or was skipped/refused), UTC.'),
    end: z.iso.datetime().describe('When it ended, UTC.'),
    durationMs: z.number().int().min(0).describe('end - start in milliseconds.'),
    exitCode: z.number().int().nullable().describe('Exit code of the process; null when it did not run or was ended by a signal.'),
    signal: z.string().optional().describe('Signal that ended the process (SIGINT, SIGTERM, SIGKILL), if any.'),
    status: z.enum(TRANSCRIPT_STATUSES).describe('passed · failed · stopped (long-running, at its timeout) · skipped · refused · interrupted (Ctrl-C).'),
    reason: z.string().optional().describe('Why it was skipped, refused, stopped or interrupted.'),
    stdout: output,
    stderr: output,
    truncated: z.boolean().describe('True when stdout or stderr was cut to the limit.'),
  })
  .strict();

export type TranscriptEvent = z.output<typeof transcriptEventSchema>;

/** Parses a JSON Lines transcript; throws an Error naming the first line that is not a valid event. */
export function parseTranscript(text: string): TranscriptEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => {
      const parsed = transcriptEventSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`Transcript line ${index + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      return parsed.data;
    });
}
