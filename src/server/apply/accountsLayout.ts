import type { ColumnSpec, Component } from "../../spec/types";
import { RowFingerprint } from "./configurationHistory";
import type { Field, FileLayout } from "./layout";

/** Columns stored as keys or relational columns; every other column of a component goes to its `attributes`. */
const RELATIONAL = new Set([
  "Account_ID", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Endpoint_SN", "Endpoint_Type", "SA_Start_Date", "SA_End_Date",
]);

type Target = "account" | "location" | "servicePoint" | "meter" | "register" | "endpoint" | "agreement" | null;

/**
 * Which record a descriptive column describes. Tags are location tags (spec §3.1: "the Tags section holds the
 * location tag fields"), so they live in the location's attributes under their own column names. Register_* columns
 * describe one register of the meter, and so do the manual-reading columns (Read_Sequence, read limits), which are
 * kept per register because a compound meter's sides are read separately. A column a utility's spec file adds with
 * a component that has no record of its own in this file type (Target, Transaction) is account data; IdUpdate and
 * File columns have no place in this file and are not stored.
 */
function targetOf(column: ColumnSpec): Target {
  const byComponent: Record<Component, Target> = {
    Account: "account",
    Target: "account",
    Transaction: "account",
    Location: "location",
    Tags: "location",
    ServicePoint: "servicePoint",
    Meter: column.name.startsWith("Register_") ? "register" : "meter",
    Reading: "register",
    Read: "register",
    Endpoint: "endpoint",
    ServiceAgreement: "agreement",
    IdUpdate: null,
    File: null,
  };
  return byComponent[column.component];
}

/** Where one Accounts and Assets file's columns are, and which record each describes, worked out once from its header. */
export class AccountsLayout {
  readonly account: number;
  readonly location: number;
  readonly servicePoint: number;
  readonly meter: number;
  readonly register: number;
  readonly endpoint: number;
  readonly endpointType: number;
  readonly saStart: number;
  readonly saEnd: number;
  /**
   * Descriptive fields per record, sorted by name. Tags and readings can be blocked apart from the record they are
   * kept with, so locations and registers have two lists: with them and without.
   */
  readonly fields: {
    account: Field[];
    location: Field[];
    locationWithTags: Field[];
    servicePoint: Field[];
    meter: Field[];
    register: Field[];
    registerWithReadings: Field[];
    endpoint: Field[];
    agreement: Field[];
  };
  readonly fingerprint: RowFingerprint;

  constructor(file: FileLayout) {
    const at = (name: string) => file.position(name);
    this.account = at("Account_ID");
    this.location = at("Location_ID");
    this.servicePoint = at("Service_Point_ID");
    this.meter = at("Meter_ID");
    this.register = at("Register_Number");
    this.endpoint = at("Endpoint_SN");
    this.endpointType = at("Endpoint_Type");
    this.saStart = at("SA_Start_Date");
    this.saEnd = at("SA_End_Date");
    const descriptive = (target: Target, components?: readonly Component[]) =>
      file.fields((c) => !RELATIONAL.has(c.name) && targetOf(c) === target && (components === undefined || components.includes(c.component)));
    this.fields = {
      account: descriptive("account"),
      location: descriptive("location", ["Location"]),
      locationWithTags: descriptive("location"),
      servicePoint: descriptive("servicePoint"),
      meter: descriptive("meter"),
      register: descriptive("register", ["Meter"]),
      registerWithReadings: descriptive("register"),
      endpoint: descriptive("endpoint"),
      agreement: descriptive("agreement"),
    };
    this.fingerprint = new RowFingerprint(file);
  }
}
