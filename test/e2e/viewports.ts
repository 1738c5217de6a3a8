// The two screens the site is tested on: a desktop browser and a 390×844 phone (touch, no hover, so
// Starlight shows heading anchors and Expressive Code shows copy buttons as a phone does).
import type { PlaywrightTestOptions } from '@playwright/test';

export const VIEWPORTS: { name: string; use: Partial<PlaywrightTestOptions> }[] = [
  { name: 'desktop', use: { viewport: { width: 1280, height: 900 } } },
  { name: 'phone 390x844', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
];

export const isPhone = (width: number | undefined) => (width ?? 1280) < 600;
