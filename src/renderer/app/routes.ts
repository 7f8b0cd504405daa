import { useEffect, useState } from 'react';

export type Route = 'home' | 'org' | 'audit';

export const ROUTES: { route: Route; label: string; description: string }[] = [
  { route: 'home', label: '工作台', description: '提醒与概况' },
  { route: 'org', label: '组织设置', description: '党组织、委员与任期' },
  { route: 'audit', label: '操作记录', description: '谁在何时改了什么' },
];

function fromHash(): Route {
  const name = window.location.hash.replace(/^#\/?/, '');
  return ROUTES.some((r) => r.route === name) ? (name as Route) : 'home';
}

/** The screen lives in the URL fragment, so a reload returns to the same screen. */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(fromHash);
  useEffect(() => {
    const onChange = () => setRoute(fromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (next) => (window.location.hash = `#/${next}`)];
}
