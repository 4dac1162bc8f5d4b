import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { messageOf } from "../findings";

interface State {
  message: string | null;
}

/** A rendering fault becomes a message bar with a way back, not a blank pane or a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: messageOf(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Developers find the details in the browser console; users see only the message.
    console.error("Task pane error", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>The task pane stopped</MessageBarTitle> {this.state.message}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => this.setState({ message: null })}>Try again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
