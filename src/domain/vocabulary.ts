import { z } from "zod";

// The identifiers of DOMAIN.md, shared by the policy, the database and the API.

export const materialTypes = [
  "book",
  "magazine",
  "weeklyMagazine",
  "audiovisual",
  "cd",
  "audiobookCd",
  "dvd",
  "kamishibai",
  "kamishibaiStage",
  "bigBook",
  "groupSet",
] as const;
export const materialTypeSchema = z.enum(materialTypes);
export type MaterialType = z.infer<typeof materialTypeSchema>;

export const itemFlags = [
  "inLibraryOnly",
  "ill",
  "untransportable",
  "assignedReading",
  "groupLending",
  "latestIssue",
] as const;
export const itemFlagSchema = z.enum(itemFlags);
export type ItemFlag = z.infer<typeof itemFlagSchema>;

export const servicePointTypes = [
  "main",
  "branch",
  "branchOffice",
  "bookmobile",
  "stationRoom",
  "outreach",
  "pickupPoint",
  "returnPoint",
  "partner",
] as const;
export const servicePointTypeSchema = z.enum(servicePointTypes);
export type ServicePointType = z.infer<typeof servicePointTypeSchema>;

export const bases = ["resident", "worker", "student"] as const;
export const basisSchema = z.enum(bases);
export type Basis = z.infer<typeof basisSchema>;

export const credentialKinds = ["card", "felica", "mynumber", "line"] as const;
export const credentialKindSchema = z.enum(credentialKinds);
export type CredentialKind = z.infer<typeof credentialKindSchema>;

export const idDocumentTypes = [
  "driversLicence",
  "healthInsuranceCard",
  "myNumberCard",
  "residenceCard",
  "residenceCertificate",
  "studentId",
  "employeeId",
  "utilityBill",
  "cashCard",
  "pointCard",
  "membershipCard",
] as const;
export const idDocumentTypeSchema = z.enum(idDocumentTypes);
export type IdDocumentType = z.infer<typeof idDocumentTypeSchema>;

export const holdChannels = ["counter", "phone", "web", "line"] as const;
export const holdChannelSchema = z.enum(holdChannels);

export const onlineProcedures = [
  "newRegistration",
  "reissue",
  "renewRegistration",
  "changeOfDetails",
  "forgotCardNumber",
  "forgotElibraryPassword",
] as const;
export const onlineProcedureSchema = z.enum(onlineProcedures);

export const staffRoles = ["counter", "reviewer", "administrator"] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const localisedTextSchema = z.object({ ja: z.string().min(1), en: z.string().min(1) });
export type LocalisedText = z.infer<typeof localisedTextSchema>;
