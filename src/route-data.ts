// Starlight route middleware: per-page changes to the data Starlight renders.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { pruneSidebar, type SidebarEntry } from './lib/sidebar.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  route.sidebar = pruneSidebar(route.sidebar as SidebarEntry[], context.url.pathname) as typeof route.sidebar;
});
