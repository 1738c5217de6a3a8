// A contact as written in a service file ("PagerDuty schedule x; Slack #y; a@example.com; +1-555-0100"),
// split into text and links: web addresses open, e-mail addresses and phone numbers start a message
// or a call (on a phone, a tap on the number dials it).

export type ContactPart = { text: string; href?: string };

const LINKABLE = /(https?:\/\/[^\s;,)]+[^\s;,).])|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(\+?\d[\d\s().-]{6,}\d)/g;

export function contactParts(contact: string): ContactPart[] {
  const parts: ContactPart[] = [];
  let last = 0;
  for (const match of contact.matchAll(LINKABLE)) {
    const [text, url, email, phone] = match;
    if (match.index > last) parts.push({ text: contact.slice(last, match.index) });
    const href = url ?? (email ? `mailto:${email}` : `tel:${phone.replace(/[^\d+]/g, '')}`);
    parts.push({ text, href });
    last = match.index + text.length;
  }
  if (last < contact.length) parts.push({ text: contact.slice(last) });
  return parts;
}
