import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme, type Theme } from "@fluentui/react-components";

/** Shown instead of the pane when it cannot work here: outside Excel, or an Excel without the API it needs. */
export function StartupMessage({ title, message, theme = webLightTheme }: { title: string; message: string; theme?: Theme }) {
  return (
    <FluentProvider theme={theme} style={{ minHeight: "100vh", padding: 12, boxSizing: "border-box" }}>
      <MessageBar intent="warning" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle> {message}
        </MessageBarBody>
      </MessageBar>
    </FluentProvider>
  );
}
