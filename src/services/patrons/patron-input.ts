import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";
import type { ProxyFacts } from "../../domain/patrons/proxies.ts";
import type { Basis, IdDocumentType } from "../../domain/vocabulary.ts";

/** The registered details as the counter enters them (document 002's fields and limits, checked at the edge). */
export type PatronDetails = {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: IsoDate;
  address: { postalCode: string; prefecture: string; city: string; street: string; building?: string };
  phone?: string;
  email?: string | null;
  basis: Basis;
  municipality: string;
  workplaceOrSchool?: { name: string; municipality: string; proofShown: boolean } | null;
};

/** The identity document shown at the counter: its type only, never an image (DOMAIN.md, counter). */
export type IdentityCheck = {
  idDocument: { type: IdDocumentType; expiresOn?: IsoDate | null; showsCurrentAddress?: boolean };
  supplementaryDocument?: { type: IdDocumentType; issuedOn: IsoDate } | null;
};

export type ProxyInput = { proxy?: ProxyFacts | null };
