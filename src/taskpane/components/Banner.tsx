import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export interface BannerState {
  intent: "error" | "warning" | "success" | "info";
  title: string;
  /** One plain sentence for the user; never a stack trace (see messageOf). */
  message: string;
  /** A button beside the message: "Retry" after a failure that may pass, "Undo fix" after a fix. */
  action?: { label: string; run: () => void };
}

/** The one message bar of the pane: the outcome of the last action, or what went wrong and what to do. */
export function Banner({ state, onDismiss }: { state: BannerState; onDismiss: () => void }) {
  return (
    <MessageBar intent={state.intent} role={state.intent === "error" ? "alert" : "status"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{state.title}</MessageBarTitle> {state.message}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button appearance="transparent" size="small" aria-label="Dismiss message" onClick={onDismiss}>
            ✕
          </Button>
        }
      >
        {state.action && <Button onClick={state.action.run}>{state.action.label}</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}
