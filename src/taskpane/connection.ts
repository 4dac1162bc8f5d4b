/**
 * Where the import API is and who signs in, kept in the browser's storage for this add-in (localStorage of the
 * add-in's origin): never in the workbook, which travels by e-mail and shared drives. What is read back is checked
 * with zod, since anything else on the origin could have written the key.
 */
import { z } from "zod";
import type { ConnectionSettings } from "../client/types";

const KEY = "dx.connection.v1";

const stored = z.object({ baseUrl: z.string(), email: z.string(), password: z.string() });

/** The storage the pane uses: window.localStorage in the add-in, any Storage-like object in tests. */
export type SettingsStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The saved settings, or null when none were saved (or what is there is not ours). */
export function loadConnection(storage: SettingsStorage | null): ConnectionSettings | null {
  if (!storage) return null;
  try {
    const text = storage.getItem(KEY);
    if (!text) return null;
    const parsed = stored.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // Storage can be switched off (private mode, a locked-down webview) or hold broken JSON: start unset.
    return null;
  }
}

/** Saves the settings; throws a sentence the pane can show when the browser refuses. */
export function saveConnection(storage: SettingsStorage | null, settings: ConnectionSettings): void {
  if (!storage) throw new Error("This browser keeps no storage for the add-in, so the settings last only until the pane closes.");
  try {
    storage.setItem(KEY, JSON.stringify(settings));
  } catch {
    throw new Error("The browser refused to keep the settings (its storage is full or switched off); they last only until the pane closes.");
  }
}

export function forgetConnection(storage: SettingsStorage | null): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Nothing kept, nothing to forget.
  }
}

/** Whether the settings are complete enough to try. */
export function isComplete(settings: ConnectionSettings | null): settings is ConnectionSettings {
  return settings !== null && settings.baseUrl.trim() !== "" && settings.email.trim() !== "" && settings.password !== "";
}

/** The browser's localStorage when there is one and it may be used. */
export function browserStorage(): SettingsStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
