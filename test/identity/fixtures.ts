// Storage exactly as Analytics.js 2.0 (1.84.3) leaves it after identify('user-1', {email}) and group('g1', {name}).
export const AJS_LOCAL_STORAGE: Record<string, string> = {
  ajs_user_id: '"user-1"',
  ajs_user_traits: '{"email":"a@b.c"}',
  ajs_anonymous_id: '"anon-1"',
  ajs_group_id: '"g1"',
  ajs_group_properties: '{"name":"Acme"}',
}
export const AJS_COOKIES: Record<string, string> = {
  ajs_user_id: 'user-1',
  ajs_anonymous_id: 'anon-1',
  ajs_group_id: 'g1',
}
/** Analytics.js classic wrote JSON-quoted cookie values. */
export const CLASSIC_COOKIES: Record<string, string> = {
  ajs_user_id: '%22user-1%22',
  ajs_anonymous_id: '%22anon-1%22',
  ajs_group_id: '%22g1%22',
}

export function writeFixture(ls: Record<string, string>, cookies: Record<string, string>): void {
  for (const [k, v] of Object.entries(ls)) localStorage.setItem(k, v)
  for (const [k, v] of Object.entries(cookies)) document.cookie = `${k}=${v}; path=/`
}
