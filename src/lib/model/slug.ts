// Heading slugs, the same as the anchors Starlight gives headings (github-slugger).
import GithubSlugger, { slug } from 'github-slugger';

export function slugify(text: string): string {
  return slug(text) || 'section';
}

/** The anchors of a page's headings in order, as Starlight gives them: one slugger per page, so a repeated heading gets `-1`, `-2`. */
export function headingAnchors(texts: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return texts.map((text) => slugger.slug(text));
}
