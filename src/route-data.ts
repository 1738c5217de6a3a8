// Starlight route middleware: per-page changes to the data Starlight renders.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { pruneSidebar, type SidebarEntry } from './lib/sidebar.ts';
import { serviceHeadings, serviceViewForFile, siteProject } from './lib/views.ts';

export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  route.sidebar = pruneSidebar(route.sidebar as SidebarEntry[], context.url.pathname) as typeof route.sidebar;
  // A service's overview page gets the service's sections (src/components/MarkdownContent.astro): list them in "On this page".
  const service = serviceViewForFile(await siteProject(), route.entry.filePath);
  if (service && route.toc) route.toc.items.push(...serviceHeadings(service).map((heading) => ({ ...heading, children: [] })));
});
