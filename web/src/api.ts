// Calls to the console's API, with the token (from the address's #token= or an earlier visit) when there is one.

const hashToken = new URLSearchParams(location.hash.slice(1)).get('token');
if (hashToken) {
  sessionStorage.setItem('tarn-token', hashToken);
  history.replaceState(null, '', location.pathname);
}

function headers(json: boolean): HeadersInit {
  const token = sessionStorage.getItem('tarn-token');
  return {
    ...(json ? { 'Content-Type': 'application/json' } : {}),
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly position: { line: number; column: number } | null,
  ) {
    super(message);
  }
}

async function check(response: Response): Promise<Response> {
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    position?: { line: number; column: number };
  };
  throw new ApiError(body.error ?? `HTTP ${response.status}`, response.status, body.position ?? null);
}

export async function get<T>(path: string): Promise<T> {
  return (await check(await fetch(`/api${path}`, { headers: headers(false) }))).json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`/api${path}`, { method: 'POST', headers: headers(true), body: JSON.stringify(body) });
  return (await check(response)).json() as Promise<T>;
}

export async function postForBlob(path: string, body: unknown): Promise<Blob> {
  const response = await fetch(`/api${path}`, { method: 'POST', headers: headers(true), body: JSON.stringify(body) });
  return (await check(response)).blob();
}

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export interface QueryAnswer {
  id: string;
  columns: { name: string; type: string }[];
  rows: Value[][];
  elapsed_ms: number;
  truncated: boolean;
}

export interface TableInfo {
  name: string;
  database: string;
  source: string;
  region: string;
  files: number;
  columns: { name: string; type: string }[];
  paths: string[];
}

export interface Tables {
  rollup_region: string | null;
  databases: string[];
  tables: TableInfo[];
}
