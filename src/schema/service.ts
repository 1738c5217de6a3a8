// A service: who owns it and how to escalate. One YAML file per service in src/content/services/.
import { z } from 'zod';
import { closedObject } from './shared.ts';

// A real phone number in a public repository gets called at 3 a.m. by strangers; fictional
// 555-01xx numbers, schedule names and channels are fine.
const REAL_PHONE = /\+?\d[\d\s().-]{7,}\d/;
const FICTIONAL_PHONE = /555[\s.-]?01\d\d/;

export const escalationLevelSchema = closedObject({
  who: z.string().min(1).describe('Who is paged at this level (a role or a rotation).'),
  when: z.string().min(1).describe('When to escalate to this level (`immediately`, `after 15 min without progress`).'),
  contact: z
    .string()
    .min(1)
    .refine((text) => !REAL_PHONE.test(text) || FICTIONAL_PHONE.test(text), {
      message: 'Looks like a real phone number: use a placeholder (a pager schedule, a channel, or +1-555-0100)',
    })
    .describe('How to reach them: pager schedule, chat channel, or a placeholder.'),
});

/** Fields of a service file that `runbook import` can only set provisionally. */
export const SERVICE_TODO_FIELDS = ['owner', 'escalation'] as const;
/** Phone numbers, addresses and channels are checked like the escalation contacts. */
const contactText = escalationLevelSchema.shape.contact;

export const serviceSchema = closedObject({
  name: z.string().min(1).describe('Display name of the service.'),
  owner: z.string().min(1).describe('Team that owns the service and, by default, its runbooks.'),
  description: z.string().min(1).optional().describe('One or two sentences on what the service does.'),
  escalation: z.array(escalationLevelSchema).min(1).describe('Escalation levels, first to last.'),
  todo: z
    .array(z.enum(SERVICE_TODO_FIELDS, { error: `Expected one of ${SERVICE_TODO_FIELDS.join(', ')}` }))
    .optional()
    .describe(
      'Fields whose value is provisional (set by `runbook import`, e.g. `[owner, escalation]`): the runbooks of the service list them in their own `todo`.',
    ),
  contacts: z
    .array(
      closedObject({
        who: z.string().min(1).describe('A role, team or place (`Security lead`, `Status page`).'),
        contact: contactText,
      }),
    )
    .default([])
    .describe('Other contacts the runbooks refer to that are not an escalation level (security, DBA, status page, war room).'),
});

export type Service = z.output<typeof serviceSchema>;
export type ServiceWithId = Service & { id: string };
