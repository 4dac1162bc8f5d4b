import { useState } from "react";
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Text, tokens } from "@fluentui/react-components";
import type { ConnectionSettings, ImportApi, SignedIn } from "../../client/types";
import { messageOf } from "../findings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface SettingsPanelProps {
  saved: ConnectionSettings | null;
  /** The address to start from when nothing is saved. */
  defaultBaseUrl: string;
  connect: (settings: ConnectionSettings) => ImportApi;
  /** Keeps the settings (browser storage); throws a sentence when the browser refuses. */
  onSave: (settings: ConnectionSettings) => void;
}

type Check = { kind: "ok"; who: SignedIn; url: string } | { kind: "failed"; message: string } | { kind: "checking" };

/**
 * The import API's address and the clerk's sign-in, kept in this browser only. "Test connection" tries exactly what
 * is typed, saved or not, and says which of URL, password, reachability or CORS is wrong. Typed values stay in the
 * fields whatever happens.
 */
export function SettingsPanel({ saved, defaultBaseUrl, connect, onSave }: SettingsPanelProps) {
  const styles = useStyles();
  const [baseUrl, setBaseUrl] = useState(saved?.baseUrl ?? defaultBaseUrl);
  const [email, setEmail] = useState(saved?.email ?? "");
  const [password, setPassword] = useState(saved?.password ?? "");
  const [check, setCheck] = useState<Check | null>(null);
  const [saveNote, setSaveNote] = useState<{ ok: boolean; text: string } | null>(null);
  const typed: ConnectionSettings = { baseUrl: baseUrl.trim(), email: email.trim(), password };
  const complete = typed.baseUrl !== "" && typed.email !== "" && typed.password !== "";

  const test = async () => {
    setCheck({ kind: "checking" });
    try {
      const who = await connect(typed).me();
      setCheck({ kind: "ok", who, url: typed.baseUrl });
    } catch (error) {
      setCheck({ kind: "failed", message: messageOf(error) });
    }
  };

  const save = () => {
    try {
      onSave(typed);
      setSaveNote({ ok: true, text: "Saved in this browser (not in the workbook)." });
    } catch (error) {
      setSaveNote({ ok: false, text: messageOf(error) });
    }
  };

  return (
    <section className={styles.root} aria-label="Settings">
      <Subtitle2 as="h2">Import API</Subtitle2>
      <Field label="Import API URL" hint="For example https://dx.your-utility.example or http://127.0.0.1:8080">
        <Input type="url" value={baseUrl} onChange={(_, data) => setBaseUrl(data.value)} />
      </Field>
      <Field label="E-mail">
        <Input type="email" value={email} autoComplete="username" onChange={(_, data) => setEmail(data.value)} />
      </Field>
      <Field label="Password">
        <Input type="password" value={password} autoComplete="current-password" onChange={(_, data) => setPassword(data.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!complete} onClick={save}>
          Save
        </Button>
        <Button disabled={!complete || check?.kind === "checking"} onClick={() => void test()}>
          Test connection
        </Button>
      </div>
      {saveNote && (
        <Text role="status" aria-live="polite">
          {saveNote.text}
        </Text>
      )}
      {check?.kind === "checking" && <Text role="status">Connecting…</Text>}
      {check?.kind === "ok" && (
        <MessageBar intent="success" role="status" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Connected</MessageBarTitle>
            {` Signed in to ${check.url} as ${check.who.name} (${check.who.email}), ${check.who.organisation.name}.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {check?.kind === "failed" && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Couldn't connect</MessageBarTitle> {check.message}
          </MessageBarBody>
        </MessageBar>
      )}
      <Text size={200}>The password is kept in this browser's storage for the add-in only, never in the workbook.</Text>
    </section>
  );
}
