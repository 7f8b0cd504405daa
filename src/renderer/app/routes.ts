import { useEffect, useState } from 'react';

export type Route = 'home' | 'roster' | 'dues' | 'duties' | 'meetings' | 'org' | 'documents' | 'custody' | 'audit';

export const ROUTES: { route: Route; label: string; description: string }[] = [
  { route: 'home', label: '工作台', description: '提醒与概况' },
  { route: 'roster', label: '党员名册', description: '党员信息与组织关系' },
  { route: 'dues', label: '党费', description: '核定、收缴与台账' },
  { route: 'duties', label: '一岗双责', description: '清单、纪实与述责述廉' },
  { route: 'meetings', label: '生活会', description: '民主生活会、组织生活会与整改' },
  { route: 'org', label: '组织设置', description: '党组织、委员与任期' },
  { route: 'custody', label: '数据安全', description: '密码、备份与U盘' },
  { route: 'documents', label: '文档打印', description: '预览、打印与保存' },
  { route: 'audit', label: '操作记录', description: '谁在何时改了什么' },
];

export interface Location {
  route: Route;
  /** A record the screen opens directly, e.g. #/roster/12 opens member 12. */
  id: number | null;
}

function fromHash(): Location {
  const [name, id] = window.location.hash.replace(/^#\/?/, '').split('/');
  const route = ROUTES.some((r) => r.route === name) ? (name as Route) : 'home';
  const parsed = Number(id);
  return { route, id: Number.isInteger(parsed) && parsed > 0 ? parsed : null };
}

export function go(route: Route, id: number | null = null): void {
  window.location.hash = `#/${route}${id ? `/${id}` : ''}`;
}

/** The screen lives in the URL fragment, so a reload returns to the same screen and record. */
export function useLocation(): Location {
  const [location, setLocation] = useState<Location>(fromHash);
  useEffect(() => {
    const onChange = () => setLocation(fromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return location;
}
