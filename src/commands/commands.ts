/// <reference types="office-js" />
/**
 * The ribbon's function file (FunctionFile in manifest.xml). The Data Exchange button only shows the task pane, which
 * Office does without code; ExecuteFunction commands would be registered here with Office.actions.associate and must
 * call event.completed().
 */
void Office.onReady();
