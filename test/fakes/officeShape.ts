/// <reference types="office-js" />
/**
 * How the fake's classes are held to `@types/office-js`: each fake class `implements Mirror<Excel.X, "member" | ...>`,
 * naming the members it provides. A mirrored member keeps its Office.js type exactly, with two relaxations the fake
 * needs: a navigation property (one returning another API object) may return the fake's own class, and a method may
 * return the fake's own class; its parameters stay exactly Office.js's. So a fake member that takes other arguments
 * than Excel's, or a property of another type, fails `tsc`, and the adapter, typed against the real `Excel.*`, can
 * only call what the fake models (anything else is a TypeError in the tests).
 */

type ApiObject = OfficeExtension.ClientObject;

export type Mirror<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown
    ? (...args: A) => unknown
    : T[P] extends ApiObject
      ? object
      : T[P] extends readonly ApiObject[]
        ? readonly object[]
        : T[P];
};
