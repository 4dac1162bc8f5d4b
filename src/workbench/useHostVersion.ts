import { useCallback, useSyncExternalStore } from "react";
import type { FakeExcelHost } from "../../test/fakes";

/**
 * Re-renders the caller when the fake host's workbook or selection changes. A validation runs many syncs in a row,
 * so changes are gathered into one redraw per animation frame.
 */
export function useHostVersion(host: FakeExcelHost): number {
  const subscribe = useCallback(
    (notify: () => void) => {
      let frame = 0;
      const stop = host.watch(() => {
        if (frame === 0) frame = requestAnimationFrame(() => {
          frame = 0;
          notify();
        });
      });
      return () => {
        stop();
        if (frame !== 0) cancelAnimationFrame(frame);
      };
    },
    [host],
  );
  return useSyncExternalStore(subscribe, () => host.version);
}
