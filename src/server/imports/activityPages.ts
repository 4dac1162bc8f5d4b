import { CompiledQuery, type Kysely } from "kysely";
import type { Database } from "../db/schema";
import { listImports } from "./importRecords";
import { activityEntryOf } from "./views";

interface CachedPage {
  version: number;
  body: Buffer;
}

/**
 * The activity list's pages as sent, kept per organisation under the activity version they were read at (migration
 * 003: triggers raise it in the same transaction as any change the list shows). A request reads the version, one
 * primary-key row, and sends the kept page if it was built at that version; otherwise it builds the page again. The
 * list is what the add-in and scripts poll while nothing changes, and building a page (a join of 25 rows, turning
 * them into objects and JSON) was most of a request's CPU.
 *
 * Never stale: the version is read before anything is sent, from the database every process writes to, so a change
 * committed by any process (or a script) is seen by the next request. A page is kept under the version read in the
 * same statement as its rows, so it is never older than its version says.
 */
export class ActivityPages {
  private readonly pages = new Map<string, CachedPage>();
  /** Pages being built, so the requests that all miss at once after a change share one query. */
  private readonly building = new Map<string, Promise<CachedPage>>();
  /** The version query, compiled once: Kysely's builder cost more than the query itself on this path. */
  private readonly versionSql: string;

  constructor(
    private readonly db: Kysely<Database>,
    /** Pages kept at most (a page of 25 is about 15 KB); the least recently used go first. */
    private readonly capacity = 256,
  ) {
    this.versionSql = db.selectFrom("organisations").select("activity_version").where("id", "=", "").compile().sql;
  }

  /** The page's JSON, as the route sends it. */
  async page(organisationId: string, page: number, pageSize: number): Promise<Buffer> {
    const key = `${organisationId}\u0000${page}\u0000${pageSize}`;
    const version = await this.version(organisationId);
    const kept = this.pages.get(key);
    // Only the very version: a database restored to an older one must not be answered from pages built after it.
    if (kept !== undefined && kept.version === version) {
      // Most recently used last, so the oldest is the first in the map's order.
      this.pages.delete(key);
      this.pages.set(key, kept);
      return kept.body;
    }
    const buildKey = `${key}\u0000${version}`;
    let built = this.building.get(buildKey);
    if (built === undefined) {
      built = this.build(organisationId, page, pageSize).finally(() => this.building.delete(buildKey));
      this.building.set(buildKey, built);
    }
    const fresh = await built;
    // Last built wins; should two builds race, a page kept at an older version is simply built again when next asked.
    this.keep(key, fresh);
    return fresh.body;
  }

  private async version(organisationId: string): Promise<number> {
    const { rows } = await this.db.executeQuery<{ activity_version: number | string }>(CompiledQuery.raw(this.versionSql, [organisationId]));
    return Number(rows[0]?.activity_version ?? 0);
  }

  private async build(organisationId: string, page: number, pageSize: number): Promise<CachedPage> {
    const { items, total, version } = await listImports(this.db, organisationId, page, pageSize);
    const body = { page, pageSize, total, pages: Math.max(1, Math.ceil(total / pageSize)), items: items.map(activityEntryOf) };
    return { version, body: Buffer.from(JSON.stringify(body)) };
  }

  private keep(key: string, page: CachedPage): void {
    this.pages.delete(key);
    if (this.pages.size >= this.capacity) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
  }
}
