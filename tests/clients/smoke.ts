// A storefront written against the generated types only: list, detail by slug and
// by id, versions, a version, a diff, as_of and a 304, against a live server.
// Run by scripts/check_generated_clients.sh (tsc --strict, then node).
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type NoticeDocument = components["schemas"]["NoticeDocument"];

declare const process: { env: Record<string, string | undefined>; exit(code: number): never };

const baseUrl = process.env.API_BASE_URL;
if (!baseUrl) throw new Error("API_BASE_URL is not set");
const client = createClient<paths>({ baseUrl });

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`failed: ${what}`);
}

async function main(): Promise<void> {
  const list = await client.GET("/api/notices/", { params: { query: { locale: "fi", page_size: 50 } } });
  check(list.data, `list: ${list.response.status}`);
  check(list.data.count > 0, "list is not empty");

  // The notice with a history (at least two versions).
  let chosen: { id: string; slug: string } | undefined;
  for (const summary of list.data.results) {
    const frameworks: components["schemas"]["FrameworkEnum"][] = ["gdpr", "htl"];
    check(frameworks.includes(summary.framework), "framework is the enum");
    const versions = await client.GET("/api/notices/{slug}/versions/", {
      params: { path: { slug: summary.id }, query: { locale: "fi" } },
    });
    check(versions.data, `versions of ${summary.slug}`);
    if (versions.data.count >= 2) {
      chosen = { id: summary.id, slug: summary.slug };
      break;
    }
  }
  check(chosen, "a notice with two versions");

  const bySlug = await client.GET("/api/notices/{slug}/", {
    params: { path: { slug: chosen.slug }, query: { locale: "fi" } },
  });
  const byId = await client.GET("/api/notices/{slug}/", {
    params: { path: { slug: chosen.id }, query: { locale: "fi" } },
  });
  check(bySlug.data && byId.data, "detail by slug and by id");
  const document: NoticeDocument = byId.data;
  check(document.id === chosen.id && bySlug.data.content_hash === document.content_hash, "same notice");
  check(Array.isArray(document.translations), "translations are always there");
  check(document.sections.every((s) => typeof s.heading === "string"), "sections");

  const version = await client.GET("/api/notices/{slug}/versions/{number}/", {
    params: { path: { slug: chosen.id, number: 1 }, query: { locale: "fi" } },
  });
  check(version.data && version.data.version === 1, "version 1");

  const diff = await client.GET("/api/notices/{slug}/diff/", {
    params: { path: { slug: chosen.id }, query: { locale: "fi", from: 1, to: 2 } },
  });
  check(diff.data && diff.data.summary.changed >= 0, "diff");

  // A date means the end of that day in Helsinki (docs/api.md): today there.
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Helsinki" }).format(new Date());
  const asOf = await client.GET("/api/notices/{slug}/", {
    params: { path: { slug: chosen.id }, query: { locale: "fi", as_of: today } },
  });
  check(asOf.data && asOf.data.version >= 1, "as_of a date");
  const asOfTime = await client.GET("/api/notices/{slug}/", {
    params: { path: { slug: chosen.id }, query: { locale: "fi", as_of: new Date().toISOString() } },
  });
  check(asOfTime.data, "as_of a date-time");

  const etag = byId.response.headers.get("ETag");
  check(etag, "an ETag");
  const revalidated = await client.GET("/api/notices/{slug}/", {
    params: { path: { slug: chosen.id }, query: { locale: "fi" } },
    headers: { "If-None-Match": etag },
  });
  check(revalidated.response.status === 304, `304, got ${revalidated.response.status}`);

  const missing = await client.GET("/api/notices/{slug}/", {
    params: { path: { slug: "no-such-notice" }, query: { locale: "fi" } },
  });
  check(missing.error && missing.error.code === "not_found", "a JSON 404");
  console.log(`TypeScript client: ${list.data.count} notices, ${chosen.slug} OK`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
