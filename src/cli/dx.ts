#!/usr/bin/env node
import { runDx } from "./run";

runDx(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY,
}).then((code) => {
  process.exitCode = code;
});
