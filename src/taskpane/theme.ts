import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** The parts of Office.context.officeTheme we read; absent outside Office and in Outlook-only fields. */
export interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/**
 * Follows Office's theme: `isDarkTheme` where the host reports it, else the lightness of the body background
 * (older hosts), else the light theme.
 */
export function themeFor(officeTheme: OfficeThemeLike | null | undefined): Theme {
  if (!officeTheme) return webLightTheme;
  if (typeof officeTheme.isDarkTheme === "boolean") return officeTheme.isDarkTheme ? webDarkTheme : webLightTheme;
  const luminance = relativeLuminance(officeTheme.bodyBackgroundColor);
  return luminance !== null && luminance < 0.4 ? webDarkTheme : webLightTheme;
}

function relativeLuminance(color: string | undefined): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(color?.trim() ?? "");
  if (!match) return null;
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}
