/** HTTP steps of tests as a browser takes them: cookies kept from response to response, forms posted urlencoded. */

/** `cookie` (a Cookie header) with a response's Set-Cookie headers applied: set, replaced, or deleted by Max-Age=0. */
export function withCookies(cookie: string | undefined, res: Response): string {
  const jar = new Map(
    (cookie ?? "")
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c] as const),
  );
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(";")[0]!;
    const name = pair.split("=")[0]!;
    if (/max-age=0/i.test(c)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}

/** Posts `form` as a browser's native form post would, without following the redirect. */
export function postForm(url: string, cookie: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}
