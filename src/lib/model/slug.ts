// Heading slugs, the same as the anchors Starlight gives headings (github-slugger).
import { slug } from 'github-slugger';

export function slugify(text: string): string {
  return slug(text) || 'section';
}
